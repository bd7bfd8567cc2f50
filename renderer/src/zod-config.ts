import { z } from 'zod';

// zod compiles fast parsers with `new Function` when it can; the page's CSP
// forbids eval, so tell zod not to try (its probe alone is a CSP violation).
z.config({ jitless: true });
