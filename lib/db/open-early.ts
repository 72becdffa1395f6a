/**
 * Imported first by a page whose first paint reads the cache: it asks the browser for the
 * database while the rest of the page's code is still being evaluated. Opening takes the browser
 * several milliseconds, and a page's first rows wait for it; the page's own reads then take the
 * same open connection. A failed open is logged and forgotten by the connection (the next read
 * tries again and reports it where the page shows it), so nothing is thrown from here.
 */
import { getDB } from './desk-db';

void getDB().catch(() => undefined);
