/**
 * The rules that only exclude, declared once: the buyer's sourcing countries, and (with
 * `requireVerified`) the buyer's verification. The reference's exclusions, the engine's eligibility
 * check and the index's eligibility classes all fold over this list.
 */
import { hasTradeEvidence } from "./evidence.js";
import type { Constraint } from "./types.js";
import { keyByIdentity } from "./keys.js";

/** A sourcing list's key (the list is shared between the records that name the same countries). */
const sourcingKey = keyByIdentity((countries: readonly string[]) => JSON.stringify(countries));

/** A buyer that names its sourcing countries excludes companies from anywhere else. */
export const sourcingConstraint: Constraint = {
  id: "sourcing",
  exclude(company, buyer) {
    const sourcing = buyer.record.sourcingCountries;
    if (sourcing === undefined || sourcing.includes(company.record.country)) return undefined;
    return { criterion: "sourcing", code: "sourcing_country", country: company.record.country, sourcingCountries: sourcing };
  },
  buyerKey(buyer) {
    const sourcing = buyer.record.sourcingCountries;
    return sourcing === undefined ? "null" : sourcingKey(sourcing);
  },
};

/** With `requireVerified`, a buyer not marked `verified: true` is excluded. */
export const verifiedConstraint: Constraint = {
  id: "verified",
  exclude(_company, buyer) {
    return buyer.record.verified === true ? undefined : { criterion: "verified", code: "not_verified" };
  },
  buyerKey(buyer) {
    return buyer.record.verified === true ? "verified" : "";
  },
};

/**
 * With `requireEvidence`, a buyer is kept when it is verified or its import records show demand for
 * the company's products (see `hasTradeEvidence`).
 */
export const evidenceConstraint: Constraint = {
  id: "evidence",
  exclude(company, buyer) {
    return buyer.record.verified === true || hasTradeEvidence(company, buyer.record.imports) ? undefined : { criterion: "evidence", code: "no_evidence" };
  },
  buyerKey(buyer) {
    if (buyer.record.verified === true) return "verified";
    let key = "";
    for (const record of buyer.record.imports) key += `${record.hs};`;
    return key;
  },
};

/**
 * The constraints in force for the options, in the order their reasons are listed.
 *
 * @param requireVerified - whether unverified buyers are excluded
 * @param requireEvidence - whether buyers neither verified nor showing trade evidence are excluded
 * @returns the constraints
 * @example
 * constraintsFor(true).map((constraint) => constraint.id); // ["sourcing", "verified"]
 */
export function constraintsFor(requireVerified: boolean, requireEvidence = false): readonly Constraint[] {
  const out: Constraint[] = [sourcingConstraint];
  if (requireVerified) out.push(verifiedConstraint);
  if (requireEvidence) out.push(evidenceConstraint);
  return out;
}
