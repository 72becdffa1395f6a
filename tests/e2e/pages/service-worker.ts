/** The extension's background service worker, as tests stop and wake it. */
import { expect, type BrowserContext } from '@playwright/test';

type TargetInfo = { targetId: string; type: string; url: string };

/**
 * Stops the service worker the way Chrome does when it idles (closing its target over CDP), then
 * wakes a new one with `wake` and waits until it runs.
 */
export async function restartWorker(context: BrowserContext, wake: () => Promise<unknown>): Promise<void> {
  await stopWorker(context);
  await wakeWorker(context, wake);
}

/** Wakes a stopped service worker with `wake` (e.g. reloading an extension page) and waits until it runs. */
export async function wakeWorker(context: BrowserContext, wake: () => Promise<unknown>): Promise<void> {
  await wake();
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await expect.poll(async () => (await workerTarget(cdp)) !== undefined, { timeout: 20_000 }).toBe(true);
  await cdp.detach();
}

const STOP_MARK = '__dmdeskWorkerBeforeStop';

/**
 * Stops the running service worker (as Chrome does after ~30 s idle, or as a crash would) and
 * waits until it is gone. An event (a page's request failing over, a storage change) may start a
 * new worker at once, under the same target id: a mark left in the old worker's global scope
 * tells the two apart.
 */
export async function stopWorker(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const running = await workerTarget(cdp);
  if (!running) throw new Error('no service worker target');
  const worker = context.serviceWorkers().find((w) => w.url().endsWith('/background.js'));
  await worker?.evaluate((mark) => Reflect.set(globalThis, mark, true), STOP_MARK);
  await cdp.send('Target.closeTarget', { targetId: running.targetId });
  await expect
    .poll(async () => {
      if ((await workerTarget(cdp)) === undefined) return true;
      // Still listed: gone only if the worker answering now is a new one.
      const answer = worker?.evaluate((mark) => Reflect.get(globalThis, mark) === true, STOP_MARK);
      // A handle to a closed worker rejects: not an answer either way, so poll again.
      const stillOld = await Promise.race([answer, new Promise<undefined>((r) => setTimeout(r, 500))]).catch(() => undefined);
      return stillOld === false;
    })
    .toBe(true);
  await cdp.detach();
}

async function workerTarget(cdp: { send(method: 'Target.getTargets'): Promise<unknown> }): Promise<TargetInfo | undefined> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  return targetInfos.find((t) => t.type === 'service_worker' && t.url.endsWith('/background.js'));
}
