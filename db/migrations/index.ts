import type { Migration } from "kysely";
import * as m0001 from "./2026-11-22-0001-initial";
import * as m0002 from "./2026-11-22-0002-signature-counts";
import * as m0003 from "./2026-11-22-0003-update-deliveries";
import * as m0004 from "./2026-11-22-0004-listing-index";
import * as m0005 from "./2026-11-22-0005-delivery-evidence";
import * as m0006 from "./2026-11-22-0006-exports";
import * as m0007 from "./2026-11-22-0007-invalidation-jobs";
import * as m0008 from "./2026-11-22-0008-accounts-access";
import * as m0009letters from "./2026-12-06-0009-letters";
import * as m0010insights from "./2026-12-06-0010-insights";
import * as m0011media from "./2026-12-06-0011-media";
import * as m0012signerControl from "./2026-12-06-0012-signer-control";
import * as m0013signerEncryption from "./2026-12-06-0013-signer-encryption";
import * as m0014retention from "./2026-12-06-0014-retention";
import * as m0015deliveryLocale from "./2026-12-06-0015-delivery-locale";
import * as m0016rateLimits from "./2026-12-07-0016-rate-limits";

/**
 * Every migration, by name, in order. Listed explicitly (not read from disk) so the same
 * list works in the Vite server build, in tests and in the CLI.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-22-0001-initial": m0001,
  "2026-11-22-0002-signature-counts": m0002,
  "2026-11-22-0003-update-deliveries": m0003,
  "2026-11-22-0004-listing-index": m0004,
  "2026-11-22-0005-delivery-evidence": m0005,
  "2026-11-22-0006-exports": m0006,
  "2026-11-22-0007-invalidation-jobs": m0007,
  "2026-11-22-0008-accounts-access": m0008,
  "2026-12-06-0009-letters": m0009letters,
  "2026-12-06-0010-insights": m0010insights,
  "2026-12-06-0011-media": m0011media,
  "2026-12-06-0012-signer-control": m0012signerControl,
  "2026-12-06-0013-signer-encryption": m0013signerEncryption,
  "2026-12-06-0014-retention": m0014retention,
  "2026-12-06-0015-delivery-locale": m0015deliveryLocale,
  "2026-12-07-0016-rate-limits": m0016rateLimits,
};
