import { z } from "zod";
import { CountrySchema, IdSchema, LocationSchema, SubdivisionSchema, TierSchema } from "./common.js";
import { SectorRefSchema } from "./refs.js";

/** The fields companies and buyers share: who and where they are, their sectors and position. */
export const PartyFields = {
  id: IdSchema,
  name: z.string().trim().min(1, "must be a non-empty string"),
  country: CountrySchema,
  region: SubdivisionSchema.optional(),
  city: z.string().optional(),
  location: LocationSchema.optional(),
  sectors: z.array(SectorRefSchema).optional(),
  /** The party's own position in the supply chain ("oem" for an automaker, "tier1" for a system supplier). */
  tier: TierSchema.optional(),
  languages: z.array(z.string()).optional(),
};
