import type { Store } from './types.ts';

/** A small observable value: the one primitive every SDK store is built on. */
export class ValueStore<T> implements Store<T> {
  #state: T;
  readonly #listeners = new Set<(state: T) => void>();

  constructor(initial: T) {
    this.#state = initial;
  }

  getState(): T {
    return this.#state;
  }

  setState(next: T | ((previous: T) => T)): void {
    this.#state = typeof next === 'function' ? (next as (previous: T) => T)(this.#state) : next;
    for (const listener of [...this.#listeners]) listener(this.#state);
  }

  subscribe(listener: (state: T) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  clear(): void {
    this.#listeners.clear();
  }
}
