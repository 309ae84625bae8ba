// The README's example, kept here so the type check covers it.
import { explainMatch, rankBuyers, type Buyer, type Company } from "../src/index.js";

const exporter: Company = {
  id: "hanil", name: "Hanil Brake Tech", country: "KR", region: "KR-48", tier: "tier2",
  sectors: ["auto-parts"], certifications: ["IATF 16949"], targetMarkets: ["US-MI"], readiness: 0.7,
  products: [{ name: "브레이크 패드", hs: "8708.30" }, { name: "hydrualic cylindr" }],
};
const buyers: Buyer[] = [{ id: "zf", name: "ZF North America", country: "US", region: "US-MI", tier: "tier1",
  needs: [{ name: "brake components", hs: "8708" }, { name: "hydraulic cylinders" }], requiredCertifications: ["IATF16949"] }];
for (const match of rankBuyers(exporter, buyers, { top: 5 })) console.log(explainMatch(match).join("\n"));
