import { createMatcher } from "./src/index.js";
import { loadCore } from "./src/engine/snapshot.js";
import { generateMarket } from "./bench/market-generator.js";
const { buyers } = generateMarket({ companies: 5, buyers: 100_000, seed: 2026 });
const m = createMatcher(buyers, { top: 10 });
const snap = m.toSnapshot();
const s0 = performance.now();
for (let i = 0; i < 20; i++) loadCore(snap, undefined);
console.log("per load", ((performance.now() - s0) / 20).toFixed(0));
