import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { logDiagnostic } from '@/lib/diagnostics';

export type LazyComponent<P> = ComponentType<P> & { preload(): Promise<void> };

const everyLazy: Array<LazyComponent<never>> = [];

/**
 * A component whose code loads on first use: a menu, a dialog or a panel that a session may never
 * open, so the page's first paint does not carry it. It renders nothing until its code is in (a few
 * milliseconds from the extension's own files, and usually already there: `preloadLazyComponents`
 * fetches every one once the page is idle).
 *
 * `needed`: for one that is always on the page but shows nothing at first (a dialog waiting to be
 * opened), whether it has anything to show with these props; until then its code is left to the
 * idle preload instead of competing with the page's first paint. Signals it reads are followed.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  name: string,
  needed?: (props: P) => boolean,
): LazyComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<void> | null = null;
  const get = (): Promise<void> =>
    (loading ??= load().then(
      (component) => void (loaded = component),
      (e: unknown) => {
        loading = null;
        logDiagnostic('ui', `Could not load the code of ${name}`, e);
      },
    ));

  function Lazy(props: P) {
    const [, setReady] = useState(loaded !== null);
    const wanted = loaded !== null || !needed || needed(props);
    useEffect(() => {
      let live = true;
      // The code may have come in (the idle preload) between this render and its effect: draw it
      // now, as nothing else may ever draw this again (a parent passing the same element skips it).
      if (loaded) setReady(true);
      else if (wanted) void get().then(() => live && setReady(loaded !== null));
      return () => void (live = false);
    }, [wanted]);
    return loaded ? h(loaded, props) : null;
  }
  // i18n-exempt: the name developer tools show.
  Lazy.displayName = `Lazy(${name})`;
  Lazy.preload = get;
  everyLazy.push(Lazy as LazyComponent<never>);
  return Lazy;
}

/** Loads the code of every lazy component this page has, when the page has nothing else to do. */
export function preloadLazyComponents(): void {
  const run = () => void Promise.all(everyLazy.map((c) => c.preload()));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 3000 });
  else setTimeout(run, 500);
}
