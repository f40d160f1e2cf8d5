/**
 * Maximum flow (Dinic's algorithm) on a small network with real capacities, and the source
 * side of the minimum cut it leaves: what the deviation bound (bound.ts) asks "which reps
 * cannot take their share" with.
 */

// Math's functions read once, not per call: under jest's sandbox a global lookup in a hot
// loop is some 400x slower (CONTRIBUTING.md, "Speed").
const { min } = Math;

/** A network built edge by edge, then solved once. */
export class FlowNetwork {
  private readonly head: Int32Array;
  private next: Int32Array;
  private to: Int32Array;
  private cap: Float64Array;
  private edges = 0;
  private readonly level: Int32Array;
  private readonly cursor: Int32Array;
  private readonly queue: Int32Array;
  /**
   * A residual capacity at most this is taken as none. Capacities here are shares of the
   * total load (at most about 1); without a floor, rounding leaves residues of 1e-17 that
   * would make saturated edges look open and the cut wrong.
   */
  private readonly floor: number;

  constructor(
    readonly nodes: number,
    expectedEdges: number,
    scale: number
  ) {
    this.head = new Int32Array(nodes).fill(-1);
    const slots = Math.max(2, 2 * expectedEdges);
    this.next = new Int32Array(slots);
    this.to = new Int32Array(slots);
    this.cap = new Float64Array(slots);
    this.level = new Int32Array(nodes);
    this.cursor = new Int32Array(nodes);
    this.queue = new Int32Array(nodes);
    this.floor = 1e-14 * Math.max(scale, 1e-300);
  }

  /** An edge u → v of capacity c (∞ allowed), with its residual twin v → u. */
  add(u: number, v: number, c: number): void {
    if (this.edges + 2 > this.to.length) this.grow();
    this.link(u, v, c);
    this.link(v, u, 0);
  }

  private link(u: number, v: number, c: number): void {
    const e = this.edges++;
    this.to[e] = v;
    this.cap[e] = c;
    this.next[e] = this.head[u];
    this.head[u] = e;
  }

  private grow(): void {
    const size = this.to.length * 2;
    const next = new Int32Array(size);
    const to = new Int32Array(size);
    const cap = new Float64Array(size);
    next.set(this.next);
    to.set(this.to);
    cap.set(this.cap);
    this.next = next;
    this.to = to;
    this.cap = cap;
  }

  /** The value of a maximum flow from s to t; the residual network stays for `sourceSide`. */
  maxFlow(s: number, t: number): number {
    let flow = 0;
    while (this.levels(s) && this.level[t] >= 0) {
      this.cursor.set(this.head);
      for (let pushed = this.push(s, t, Infinity); pushed > 0; pushed = this.push(s, t, Infinity))
        flow += pushed;
    }
    return flow;
  }

  /** Nodes reachable from s through edges with residual capacity: the source side of a minimum cut. */
  sourceSide(s: number): Uint8Array {
    this.levels(s);
    const side = new Uint8Array(this.nodes);
    for (let v = 0; v < this.nodes; v++) if (this.level[v] >= 0) side[v] = 1;
    return side;
  }

  /** Breadth-first levels from s over open edges; returns whether any node was reached. */
  private levels(s: number): boolean {
    this.level.fill(-1);
    const queue = this.queue;
    let tail = 0;
    queue[tail++] = s;
    this.level[s] = 0;
    for (let h = 0; h < tail; h++) {
      const u = queue[h];
      for (let e = this.head[u]; e >= 0; e = this.next[e]) {
        const v = this.to[e];
        if (this.level[v] < 0 && this.cap[e] > this.floor) {
          this.level[v] = this.level[u] + 1;
          queue[tail++] = v;
        }
      }
    }
    return tail > 1;
  }

  /** One augmenting path along increasing levels (a blocking-flow step), depth first. */
  private push(u: number, t: number, limit: number): number {
    if (u === t) return limit;
    for (let e = this.cursor[u]; e >= 0; e = this.next[e], this.cursor[u] = e) {
      const v = this.to[e];
      if (this.cap[e] <= this.floor || this.level[v] !== this.level[u] + 1) continue;
      const pushed = this.push(v, t, min(limit, this.cap[e]));
      if (pushed > 0) {
        this.cap[e] -= pushed;
        this.cap[e ^ 1] += pushed;
        return pushed;
      }
    }
    return 0;
  }
}
