/**
 * A small CDCL SAT solver (the MiniSat design): two watched literals, first-UIP clause learning with
 * local minimisation, VSIDS on a binary heap, phase saving, Luby restarts, learnt-clause reduction by
 * literal block distance, and solving under assumptions so one formula answers a sequence of bound
 * queries while keeping what it learnt. It is written here, not taken from npm, because the scheduler
 * must stop at a deadline: {@link SatSolver.solve} checks the clock every few hundred conflicts and
 * answers `"unknown"` instead of running on. Everything is deterministic: no randomness beyond the
 * optional seeded tie-breaking of the initial variable order.
 *
 * Literals are integers: variable `v` (0-based) is `2v` (true) and `2v + 1` (false); `lit ^ 1` negates.
 */

/** The answer to one query. */
export type SatAnswer = "sat" | "unsat" | "unknown";

/** The positive literal of variable `v`. */
export const pos = (v: number): number => 2 * v;
/** The negative literal of variable `v`. */
export const neg = (v: number): number => 2 * v + 1;

function luby(y: number, x: number): number {
  let size = 1;
  let seq = 0;
  while (size < x + 1) {
    seq++;
    size = 2 * size + 1;
  }
  while (size - 1 !== x) {
    size = (size - 1) >> 1;
    seq--;
    x = x % size;
  }
  return Math.pow(y, seq);
}

/**
 * An incremental SAT solver. Add clauses at any time between queries; each query may assume literals.
 *
 * @example
 * const solver = new SatSolver();
 * const a = solver.newVar(), b = solver.newVar();
 * solver.addClause([pos(a), pos(b)]);
 * solver.addClause([neg(a)]);
 * solver.solve([], Infinity, () => 0); // "sat"; solver.modelValue(b) === true
 */
export class SatSolver {
  private clauses: number[][] = [];
  private learnt: boolean[] = [];
  private lbd: number[] = [];
  private deleted: boolean[] = [];
  private watches: number[][] = [];
  /** A literal of the watched clause, beside each watch: when it is true the clause need not be read. */
  private blockers: number[][] = [];
  private assigns: number[] = [];
  private level: number[] = [];
  private reason: number[] = [];
  private polarity: number[] = [];
  private activity: number[] = [];
  private heap: number[] = [];
  private heapIndex: number[] = [];
  private seen: number[] = [];
  private trail: number[] = [];
  private trailLim: number[] = [];
  private qhead = 0;
  private varInc = 1;
  private ok = true;
  private learntCount = 0;
  private maxLearnts = 4000;
  private model: number[] = [];
  /** After an "unsat" answer: the assumptions that together cannot hold (empty when the formula itself is unsatisfiable). */
  core: number[] = [];
  /** Conflicts over the solver's life, for reports. */
  conflicts = 0;

  /** The number of clauses (problem and learnt, deleted ones included). */
  get clauseCount(): number {
    return this.clauses.length;
  }

  /** The number of variables. */
  get variables(): number {
    return this.assigns.length;
  }

  /**
   * Adds a variable.
   *
   * @param initialActivity - a tiny tie-breaking activity (from a seeded generator), default 0
   * @returns its index
   */
  newVar(initialActivity = 0): number {
    const v = this.assigns.length;
    this.assigns.push(0);
    this.level.push(0);
    this.reason.push(-1);
    this.polarity.push(0);
    this.activity.push(initialActivity);
    this.heapIndex.push(-1);
    this.seen.push(0);
    this.watches.push([], []);
    this.blockers.push([], []);
    this.heapInsert(v);
    return v;
  }

  /**
   * Sets the value a variable is tried with first (until the solver saves a phase of its own).
   *
   * @param v - the variable
   * @param value - true or false
   */
  setPhase(v: number, value: boolean): void {
    this.polarity[v] = value ? 1 : 0;
  }

  private value(lit: number): number {
    const a = this.assigns[lit >> 1]!;
    return lit & 1 ? -a : a;
  }

  /**
   * Adds a clause (at decision level 0, which is where the solver rests between queries).
   *
   * @param lits - the clause's literals
   * @returns false when the formula is now unsatisfiable at the root
   */
  addClause(lits: readonly number[]): boolean {
    if (!this.ok) return false;
    const clause: number[] = [];
    const sorted = [...lits].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; i++) {
      const lit = sorted[i]!;
      const value = this.value(lit);
      if (value === 1 || (i + 1 < sorted.length && sorted[i + 1] === (lit ^ 1))) return true;
      if (value === -1 || (i > 0 && sorted[i - 1] === lit)) continue;
      clause.push(lit);
    }
    if (clause.length === 0) return (this.ok = false);
    if (clause.length === 1) {
      this.enqueue(clause[0]!, -1);
      if (this.propagate() >= 0) this.ok = false;
      return this.ok;
    }
    this.attach(clause, false, 0);
    return true;
  }

  private attach(clause: number[], learnt: boolean, lbd: number): number {
    const index = this.clauses.length;
    this.clauses.push(clause);
    this.learnt.push(learnt);
    this.lbd.push(lbd);
    this.deleted.push(false);
    this.watches[clause[0]!]!.push(index);
    this.blockers[clause[0]!]!.push(clause[1]!);
    this.watches[clause[1]!]!.push(index);
    this.blockers[clause[1]!]!.push(clause[0]!);
    if (learnt) this.learntCount++;
    return index;
  }

  private enqueue(lit: number, reason: number): void {
    const v = lit >> 1;
    this.assigns[v] = lit & 1 ? -1 : 1;
    this.level[v] = this.trailLim.length;
    this.reason[v] = reason;
    this.trail.push(lit);
  }

  /** Unit propagation; returns the index of a conflicting clause, or -1. */
  private propagate(): number {
    // The hot loop (about 70 % of the search): fields are read into locals once, enqueue is inlined.
    const assigns = this.assigns;
    const clauses = this.clauses;
    const deleted = this.deleted;
    const watches = this.watches;
    const blockers = this.blockers;
    const trail = this.trail;
    const levels = this.level;
    const reasons = this.reason;
    const level = this.trailLim.length;
    let qhead = this.qhead;
    while (qhead < trail.length) {
      const falseLit = trail[qhead++]! ^ 1;
      const ws = watches[falseLit]!;
      const bs = blockers[falseLit]!;
      let i = 0;
      let j = 0;
      const n = ws.length;
      while (i < n) {
        const blocker = bs[i]!;
        const ci = ws[i++]!;
        const bv = assigns[blocker >> 1]!;
        if ((blocker & 1 ? -bv : bv) === 1) {
          ws[j] = ci;
          bs[j++] = blocker;
          continue;
        }
        if (deleted[ci]) continue;
        const c = clauses[ci]!;
        if (c[0] === falseLit) {
          c[0] = c[1]!;
          c[1] = falseLit;
        }
        const first = c[0]!;
        const fv = assigns[first >> 1]!;
        const firstValue = first & 1 ? -fv : fv;
        if (firstValue === 1) {
          ws[j] = ci;
          bs[j++] = first;
          continue;
        }
        let moved = false;
        for (let k = 2; k < c.length; k++) {
          const lit = c[k]!;
          const lv = assigns[lit >> 1]!;
          if ((lit & 1 ? -lv : lv) !== -1) {
            c[1] = lit;
            c[k] = falseLit;
            watches[lit]!.push(ci);
            blockers[lit]!.push(first);
            moved = true;
            break;
          }
        }
        if (moved) continue;
        ws[j] = ci;
        bs[j++] = first;
        if (firstValue === -1) {
          while (i < n) {
            bs[j] = bs[i]!;
            ws[j++] = ws[i++]!;
          }
          if (j < n) {
            ws.length = j;
            bs.length = j;
          }
          this.qhead = trail.length;
          return ci;
        }
        const v = first >> 1;
        assigns[v] = first & 1 ? -1 : 1;
        levels[v] = level;
        reasons[v] = ci;
        trail.push(first);
      }
      // Shrinking an array is not free in V8: only when watches moved away.
      if (j < n) {
        ws.length = j;
        bs.length = j;
      }
    }
    this.qhead = qhead;
    return -1;
  }

  private cancelUntil(target: number): void {
    if (this.trailLim.length <= target) return;
    const stop = this.trailLim[target]!;
    for (let i = this.trail.length - 1; i >= stop; i--) {
      const lit = this.trail[i]!;
      const v = lit >> 1;
      this.polarity[v] = lit & 1 ? 0 : 1;
      this.assigns[v] = 0;
      this.reason[v] = -1;
      if (this.heapIndex[v]! < 0) this.heapInsert(v);
    }
    this.trail.length = stop;
    this.trailLim.length = target;
    this.qhead = stop;
  }

  private bump(v: number): void {
    this.activity[v]! += this.varInc;
    if (this.activity[v]! > 1e100) {
      for (let u = 0; u < this.activity.length; u++) this.activity[u]! *= 1e-100;
      this.varInc *= 1e-100;
    }
    const index = this.heapIndex[v]!;
    if (index >= 0) this.heapUp(index);
  }

  /** First-UIP learning; returns the learnt clause (asserting literal first) and the level to go back to. */
  private analyze(conflict: number): { clause: number[]; backLevel: number; lbd: number } {
    const clause: number[] = [-1];
    let pathCount = 0;
    let p = -1;
    let index = this.trail.length - 1;
    let ci = conflict;
    const current = this.trailLim.length;
    do {
      const c = this.clauses[ci]!;
      for (let k = p === -1 ? 0 : 1; k < c.length; k++) {
        const q = c[k]!;
        const v = q >> 1;
        if (this.seen[v] === 0 && this.level[v]! > 0) {
          this.bump(v);
          this.seen[v] = 1;
          if (this.level[v]! >= current) pathCount++;
          else clause.push(q);
        }
      }
      while (this.seen[this.trail[index]! >> 1] === 0) index--;
      p = this.trail[index]!;
      index--;
      ci = this.reason[p >> 1]!;
      this.seen[p >> 1] = 0;
      pathCount--;
    } while (pathCount > 0);
    clause[0] = p ^ 1;
    // Local minimisation: a literal whose reason lies wholly inside the clause adds nothing.
    const kept: number[] = [clause[0]];
    for (let k = 1; k < clause.length; k++) {
      const q = clause[k]!;
      const r = this.reason[q >> 1]!;
      let redundant = r >= 0;
      if (redundant) {
        const c = this.clauses[r]!;
        for (let m = 1; m < c.length; m++) {
          const u = c[m]! >> 1;
          if (this.seen[u] === 0 && this.level[u]! > 0) {
            redundant = false;
            break;
          }
        }
      }
      if (!redundant) kept.push(q);
    }
    for (let k = 1; k < clause.length; k++) this.seen[clause[k]! >> 1] = 0;
    let backLevel = 0;
    if (kept.length > 1) {
      let best = 1;
      for (let k = 2; k < kept.length; k++) if (this.level[kept[k]! >> 1]! > this.level[kept[best]! >> 1]!) best = k;
      const swap = kept[1]!;
      kept[1] = kept[best]!;
      kept[best] = swap;
      backLevel = this.level[kept[1]! >> 1]!;
    }
    const levels = new Set<number>();
    for (const q of kept) levels.add(this.level[q >> 1]!);
    return { clause: kept, backLevel, lbd: levels.size };
  }

  /** The assumptions (decisions so far, all of them assumptions) whose consequences make assumption `a` false, with `a`. */
  private analyzeFinal(a: number): number[] {
    const core = [a];
    const start = this.trailLim[0];
    if (start === undefined) return core;
    this.seen[a >> 1] = 1;
    for (let i = this.trail.length - 1; i >= start; i--) {
      const lit = this.trail[i]!;
      const v = lit >> 1;
      if (this.seen[v] === 0) continue;
      const r = this.reason[v]!;
      if (r < 0) {
        core.push(lit);
      } else {
        const c = this.clauses[r]!;
        for (let k = 1; k < c.length; k++) if (this.level[c[k]! >> 1]! > 0) this.seen[c[k]! >> 1] = 1;
      }
      this.seen[v] = 0;
    }
    this.seen[a >> 1] = 0;
    return core;
  }

  private reduceLearnts(): void {
    const candidates: number[] = [];
    for (let ci = 0; ci < this.clauses.length; ci++) {
      if (!this.learnt[ci] || this.deleted[ci] || this.lbd[ci]! <= 2) continue;
      const c = this.clauses[ci]!;
      const first = c[0]!;
      if (this.reason[first >> 1] === ci && this.value(first) === 1) continue;
      candidates.push(ci);
    }
    candidates.sort((a, b) => this.lbd[b]! - this.lbd[a]! || this.clauses[b]!.length - this.clauses[a]!.length || a - b);
    const remove = candidates.slice(0, candidates.length >> 1);
    for (const ci of remove) {
      this.deleted[ci] = true;
      this.clauses[ci] = [];
      this.learntCount--;
    }
    this.maxLearnts = Math.floor(this.maxLearnts * 1.15);
  }

  /**
   * Solves under assumptions.
   *
   * @param assumptions - literals taken as true for this query only
   * @param deadline - a time (in the units of `now`) after which the query gives up
   * @param now - the clock
   * @param maxConflicts - give up ("unknown") after this many conflicts in this query (a budget of work, not time; default none)
   * @returns "sat" (read the model with {@link modelValue}), "unsat" (under the assumptions), or "unknown" at the deadline
   */
  solve(assumptions: readonly number[], deadline: number, now: () => number, maxConflicts = Number.POSITIVE_INFINITY): SatAnswer {
    this.core = [];
    if (!this.ok) return "unsat";
    this.cancelUntil(0);
    if (this.propagate() >= 0) {
      this.ok = false;
      return "unsat";
    }
    let restart = 0;
    let budget = 100 * luby(2, restart);
    let sinceRestart = 0;
    let sinceClock = 0;
    const stopAt = this.conflicts + maxConflicts;
    for (;;) {
      const conflict = this.propagate();
      if (conflict >= 0) {
        this.conflicts++;
        sinceRestart++;
        if (this.trailLim.length === 0) {
          this.ok = false;
          return "unsat";
        }
        const { clause, backLevel, lbd } = this.analyze(conflict);
        this.cancelUntil(backLevel);
        if (clause.length === 1) this.enqueue(clause[0]!, -1);
        else this.enqueue(clause[0]!, this.attach(clause, true, lbd));
        this.varInc /= 0.95;
        if (this.conflicts >= stopAt) {
          this.cancelUntil(0);
          return "unknown";
        }
        if (++sinceClock >= 256) {
          sinceClock = 0;
          if (now() > deadline) {
            this.cancelUntil(0);
            return "unknown";
          }
        }
        continue;
      }
      if (sinceRestart >= budget) {
        sinceRestart = 0;
        budget = 100 * luby(2, ++restart);
        this.cancelUntil(0);
        continue;
      }
      if (this.learntCount >= this.maxLearnts + this.trail.length) this.reduceLearnts();
      let next = -1;
      while (this.trailLim.length < assumptions.length) {
        const a = assumptions[this.trailLim.length]!;
        const value = this.value(a);
        if (value === 1) this.trailLim.push(this.trail.length);
        else if (value === -1) {
          this.core = this.analyzeFinal(a);
          this.cancelUntil(0);
          return "unsat";
        } else {
          next = a;
          break;
        }
      }
      if (next < 0) {
        let v = -1;
        while (this.heap.length > 0) {
          const top = this.heapPop();
          if (this.assigns[top] === 0) {
            v = top;
            break;
          }
        }
        if (v < 0) {
          this.model = this.assigns.slice();
          this.cancelUntil(0);
          return "sat";
        }
        next = this.polarity[v] ? pos(v) : neg(v);
      }
      this.trailLim.push(this.trail.length);
      this.enqueue(next, -1);
    }
  }

  /**
   * The value of a variable in the last model found.
   *
   * @param v - the variable
   * @returns true or false
   */
  modelValue(v: number): boolean {
    return this.model[v] === 1;
  }

  private heapLess(a: number, b: number): boolean {
    const x = this.activity[a]!;
    const y = this.activity[b]!;
    return x > y || (x === y && a < b);
  }
  private heapInsert(v: number): void {
    this.heapIndex[v] = this.heap.length;
    this.heap.push(v);
    this.heapUp(this.heap.length - 1);
  }
  private heapUp(i: number): void {
    const v = this.heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const u = this.heap[parent]!;
      if (!this.heapLess(v, u)) break;
      this.heap[i] = u;
      this.heapIndex[u] = i;
      i = parent;
    }
    this.heap[i] = v;
    this.heapIndex[v] = i;
  }
  private heapPop(): number {
    const top = this.heap[0]!;
    const last = this.heap.pop()!;
    this.heapIndex[top] = -1;
    if (this.heap.length > 0) {
      let i = 0;
      const n = this.heap.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && this.heapLess(this.heap[r]!, this.heap[l]!) ? r : l;
        if (!this.heapLess(this.heap[child]!, last)) break;
        this.heap[i] = this.heap[child]!;
        this.heapIndex[this.heap[i]!] = i;
        i = child;
      }
      this.heap[i] = last;
      this.heapIndex[last] = i;
    }
    return top;
  }
}
