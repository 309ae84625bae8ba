import { z } from "zod";
import { CountrySchema, CountSchema, IdSchema, ItemSchema } from "./common.js";
import { PartyFields } from "./party.js";
import { ImportRecordSchema, PartnerNameSchema } from "./trade.js";

/** A buyer (OEM, Tier-1/2 vendor, distributor): the demand side of a match. */
export const BuyerSchema = z.object({
  ...PartyFields,
  needs: z.array(ItemSchema).optional(),
  requiredCertifications: z.array(z.string()).optional(),
  /** Origins the buyer accepts (ISO country codes); absent means any. */
  sourcingCountries: z.array(CountrySchema).optional(),
  /** A genuine, qualified buyer (checked by the agency). */
  verified: z.boolean().optional(),
  /** How many 1:1 meetings the buyer will take during a mission (planner). */
  meetingCapacity: CountSchema.optional(),
  /** Meets online, so fits any session regardless of city (planner). */
  online: z.boolean().optional(),
  /** Session ids the buyer will attend, in any city; absent means every session in its own city (planner). */
  availability: z.array(IdSchema).optional(),
  /** Import records (customs entries, bills of lading): evidence of demand (trade-evidence criterion). */
  imports: z.array(ImportRecordSchema).optional(),
  /** The corporate group or parent ("Hyundai Mobis"), for the relationship criterion. */
  group: PartnerNameSchema.optional(),
  /** The firms the buyer supplies, for the relationship criterion. */
  customers: z.array(PartnerNameSchema).optional(),
});

/** A buyer as written by a user. */
export type Buyer = z.input<typeof BuyerSchema>;
/** A need as written by a user. */
export type Need = z.input<typeof BuyerSchema>["needs"] extends (infer T)[] | undefined ? T : never;
