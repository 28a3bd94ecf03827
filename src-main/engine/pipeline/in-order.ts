// Events whose payload takes a while to prepare (PNG encoding runs on sharp's threads) are prepared off the
// sampling path, while the next UNet call runs, and still delivered in the order they were queued.
export class InOrder {
  #tail: Promise<void> = Promise.resolve();

  /** Delivers `prepared`'s value after every earlier event; a failure surfaces from `drain`. */
  queue<T>(prepared: Promise<T>, deliver: (value: T) => void): void {
    const previous = this.#tail;
    this.#tail = (async () => {
      const value = await prepared;
      await previous;
      deliver(value);
    })();
    this.#tail.catch(() => {}); // reported by drain(), not as an unhandled rejection meanwhile
  }

  /** Resolves when every queued event is delivered; rejects with the first failure. */
  drain(): Promise<void> {
    return this.#tail;
  }
}
