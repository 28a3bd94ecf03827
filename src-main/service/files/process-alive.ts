/** Whether a process with this id runs now (as any user): what a folder tagged with a pid asks before it is cleared. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether pid is a running process other than this one: the owner of a download or job that is still at work. */
export function isOtherLiveProcess(pid: number | null): boolean {
  return pid !== null && pid !== process.pid && isRunning(pid);
}
