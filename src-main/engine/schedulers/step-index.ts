/**
 * Which entry of the schedule a call refers to. The first call locates `t` in the timesteps (taking the
 * second of two equal ones, so a run that starts midway does not skip a level, unless `t` opens the schedule:
 * diffusers' duplicated first timesteps, e.g. [998, 998, …] from Karras σ with cosine betas, start at the
 * start); after that each step moves on by one, so repeated timesteps in a schedule stay distinct.
 */
export class StepIndex {
  #index: number | null = null;
  readonly #timesteps: () => Float64Array;

  constructor(timesteps: () => Float64Array) {
    this.#timesteps = timesteps;
  }

  current(t: number): number {
    if (this.#index === null) {
      const timesteps = this.#timesteps();
      if (timesteps.length === 0) throw new Error('call setTimesteps before sampling');
      const first = timesteps.indexOf(t);
      if (first < 0) throw new Error(`timestep ${t} is not in this schedule`);
      const second = first === 0 ? -1 : timesteps.indexOf(t, first + 1);
      this.#index = second < 0 ? first : second;
    }
    const expected = this.#timesteps()[this.#index];
    if (expected === undefined) throw new Error('the schedule is finished; call setTimesteps again');
    if (expected !== t) throw new Error(`expected timestep ${expected}, got ${t}: steps must follow the schedule`);
    return this.#index;
  }

  advance(): void {
    if (this.#index !== null) this.#index += 1;
  }

  reset(): void {
    this.#index = null;
  }
}
