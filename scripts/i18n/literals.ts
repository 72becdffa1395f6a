/**
 * Lists the words still written into the code instead of read through t() (lib/i18n):
 *   npx tsx scripts/i18n/literals.ts components lib        one line per literal
 *   FILES=1 npx tsx scripts/i18n/literals.ts components    the files that have any
 * The same check runs in the unit tests (tests/unit/architecture/literal-strings.test.ts).
 */
import { findLiteralStrings } from '../../tests/unit/architecture/literal-strings';
const r = findLiteralStrings(process.cwd(), process.argv.slice(2));
if (process.env.FILES) console.log([...new Set(r.map((l) => l.file))].join('\n'));
else for (const l of r) console.log(`${l.file}:${l.line}: ${l.text.replace(/\s+/g, ' ').slice(0, 100)}`);
