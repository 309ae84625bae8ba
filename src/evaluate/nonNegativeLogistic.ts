/**
 * L2-regularised logistic regression with non-negative coefficients, fitted by accelerated projected
 * gradient descent (FISTA) with a fixed step and a fixed iteration count: no line search, no random
 * start, no early stop, so the same examples in the same order always give the same bits.
 */

/** Settings of {@link fitNonNegativeLogistic}. */
export interface LogisticSettings {
  /** λ in the penalty λ‖β‖² (the intercept is not penalised). */
  readonly l2: number;
  /** Gradient steps, all of them taken. */
  readonly iterations: number;
}

/** A fitted model: P(positive | x) = σ(intercept + Σ βᵢ xᵢ), every βᵢ ≥ 0. */
export interface LogisticModel {
  readonly intercept: number;
  readonly coefficients: readonly number[];
}

/**
 * Fits the model to rows of features in [0, 1]. Classes are weighted to equal total weight, so a
 * mission with few deals among many pairs still learns which criteria separate them (what the AUC
 * measures) rather than how rare deals are.
 *
 * @param rows - one feature vector per example, all of the same length d
 * @param labels - one label per example; both classes must be present
 * @param settings - λ and the iteration count
 * @returns the intercept and d non-negative coefficients
 * @example
 * fitNonNegativeLogistic([[0.9, 0.1], [0.2, 0.8]], [true, false], { l2: 1e-3, iterations: 500 });
 */
export function fitNonNegativeLogistic(rows: readonly (readonly number[])[], labels: readonly boolean[], settings: LogisticSettings): LogisticModel {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const positives = labels.filter(Boolean).length;
  const negatives = n - positives;
  // Balanced weights c_j sum to n, so the loss stays a mean and the curvature bound below holds.
  const positiveWeight = positives === 0 ? 0 : n / (2 * positives);
  const negativeWeight = negatives === 0 ? 0 : n / (2 * negatives);
  const exampleWeight = labels.map((label) => (label ? positiveWeight : negativeWeight));
  const target = labels.map((label) => (label ? 1 : 0));

  // The Hessian of the mean logistic loss is at most ¼·max‖(1, x)‖² in spectral norm; 1/L is a safe step.
  let maxNormSquared = 0;
  for (const row of rows) maxNormSquared = Math.max(maxNormSquared, row.reduce((sum, value) => sum + value * value, 1));
  const lipschitz = 0.25 * maxNormSquared + 2 * settings.l2;
  const step = 1 / lipschitz;

  // A flat copy keeps the hot loop on one typed array.
  const flat = new Float64Array(n * d);
  rows.forEach((row, j) => row.forEach((value, i) => (flat[j * d + i] = value)));
  // θ = (intercept, β); `current` is the iterate, `look` the FISTA extrapolation point.
  let current = new Float64Array(d + 1);
  let look = new Float64Array(d + 1);
  let momentum = 1;
  const gradient = new Float64Array(d + 1);
  for (let iteration = 0; iteration < settings.iterations; iteration++) {
    gradient.fill(0);
    for (let j = 0; j < n; j++) {
      const offset = j * d;
      let z = look[0] as number;
      for (let i = 0; i < d; i++) z += (look[i + 1] as number) * (flat[offset + i] as number);
      const residual = (exampleWeight[j] as number) * (sigmoid(z) - (target[j] as number));
      gradient[0] = (gradient[0] as number) + residual;
      for (let i = 0; i < d; i++) gradient[i + 1] = (gradient[i + 1] as number) + residual * (flat[offset + i] as number);
    }
    const next = new Float64Array(d + 1);
    next[0] = (look[0] as number) - (step * (gradient[0] as number)) / n;
    for (let i = 1; i <= d; i++) {
      const descended = (look[i] as number) - step * ((gradient[i] as number) / n + 2 * settings.l2 * (look[i] as number));
      next[i] = Math.max(0, descended);
    }
    const nextMomentum = (1 + Math.sqrt(1 + 4 * momentum * momentum)) / 2;
    const blend = (momentum - 1) / nextMomentum;
    const nextLook = new Float64Array(d + 1);
    for (let i = 0; i <= d; i++) {
      const extrapolated = (next[i] as number) + blend * ((next[i] as number) - (current[i] as number));
      nextLook[i] = i === 0 ? extrapolated : Math.max(0, extrapolated);
    }
    look = nextLook;
    current = next;
    momentum = nextMomentum;
  }
  return { intercept: current[0] as number, coefficients: [...current.slice(1)] };
}

/** The logistic function, written to stay finite for any finite input. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
