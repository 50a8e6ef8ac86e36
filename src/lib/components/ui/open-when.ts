/**
 * Spread on a <details>: `open` when asked for (in the server's HTML too, so a refused post shows
 * its form open without JavaScript), otherwise no attribute at all. `open={cond}` would instead
 * set `details.open = false` when the page hydrates, closing a panel the person opened while the
 * page was still loading; a spread without the key sets nothing.
 */
export const openWhen = (open: boolean): { open?: true } => (open ? { open: true } : {});
