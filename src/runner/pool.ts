/** Runs `task(0 … count−1)` with at most `jobs` at a time, keeping the input order in the results. */
export async function pool<T>(count: number, jobs: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, count) }, worker));
  return results;
}
