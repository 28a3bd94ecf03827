import { useApp } from '../../state/context.ts';
import { LoadFailed } from '../LoadFailed.tsx';
import { HardwareSection } from './HardwareSection.tsx';

export function SettingsPage() {
  const loadState = useApp((s) => s.loadState);
  if (loadState === 'failed') return <LoadFailed what="The settings" />;
  if (loadState === 'loading') return <p className="py-16 text-center text-sm text-stone-500">Loading…</p>;
  return (
    <div className="grid gap-8">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <HardwareSection />
    </div>
  );
}
