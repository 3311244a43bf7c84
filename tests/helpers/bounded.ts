// A test that waits for an event (a server's message, a line from a child)
// fails after a generous bound instead of hanging CI. The bound is minutes,
// not seconds: a busy machine is never the reason it is reached.
const MINUTES = 5;
const POLL_MS = 50;

/** `promise`, or a failure naming `what` when it has not settled within the bound. */
export function bounded<T>(promise: Promise<T>, what: string, minutes = MINUTES): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${minutes} minutes`)), minutes * 60_000);
    timer.unref();
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Resolves when `condition` holds (checked every 50 ms), or fails after the bound. */
export function until(condition: () => boolean, what: string, minutes = MINUTES): Promise<void> {
  return bounded(
    new Promise<void>((resolve) => {
      const check = () => {
        if (!condition()) return;
        clearInterval(poll);
        resolve();
      };
      const poll = setInterval(check, POLL_MS);
      poll.unref();
      if (condition()) {
        clearInterval(poll);
        resolve();
      }
    }),
    what,
    minutes,
  );
}
