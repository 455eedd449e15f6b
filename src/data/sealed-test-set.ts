import { checker } from '../args';

/** Test rows that can be scored exactly once (see `sealTestSet`). */
export interface SealedTestSet<X = number[][], Y = number[]> {
  /** A name for messages, e.g. 'digits'. */
  readonly name: string;
  /** Number of test rows. */
  readonly size: number;
  /** How many times `open` was called (0 or 1 in a sound experiment). */
  readonly timesOpened: number;
  /** Scores the test rows with `evaluate`; a second call throws. */
  open<T>(evaluate: (XTest: X, yTest: Y) => T | Promise<T>): Promise<T>;
}

/**
 * Seals test rows so they can be used exactly once, after every choice (λ, dropout rate,
 * epochs, architecture) was made on training and validation data. A second `open` throws, so a
 * notebook cannot quietly peek at the test set while it tunes.
 *
 * ```ts
 * const split = rl.data.trainTestSplit(X, y, { testSize: 0.25, seed: 0 });
 * const test = rl.data.sealTestSet(split.XTest, split.yTest, 'diabetes');
 * // … choose the model on split.XTrain / split.yTrain only …
 * const mse = await test.open((XTest, yTest) => score(model, XTest, yTest));
 * ```
 */
export function sealTestSet<X extends ArrayLike<unknown> = number[][], Y = number[]>(
  X: X, y: Y, name: string,
): SealedTestSet<X, Y> {
  const check = checker('rl.data.sealTestSet');
  if (X === null || typeof X !== 'object' || typeof (X as ArrayLike<unknown>).length !== 'number') {
    throw check.error('X', 'an array of rows', X, 'type');
  }
  check.string('name', name);
  let opened = 0;
  return {
    name,
    size: X.length,
    get timesOpened(): number { return opened; },
    async open<T>(evaluate: (XTest: X, yTest: Y) => T | Promise<T>): Promise<T> {
      checker(`rl.data.sealTestSet(…).open`).func('evaluate', evaluate, 'a function (XTest, yTest) => score');
      opened += 1;
      if (opened > 1) {
        throw new Error(`rl.data.sealTestSet: the ${name} test set was already opened once; choose on validation data, then open it a single time`);
      }
      return evaluate(X, y);
    },
  };
}
