//! Flows on the small graphs of the scheduler: Dinic's maximum flow, and a primal–dual
//! minimum-cost flow (Dijkstra with potentials, then blocking flows along the arcs of zero
//! reduced cost, so that many augmenting paths of one length go in one phase).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

const INF: i64 = i64::MAX / 4;

/// A flow network; arc `e` and its reverse `e ^ 1`.
pub(super) struct Graph {
    adj: Vec<Vec<usize>>,
    to: Vec<usize>,
    cap: Vec<i64>,
    cost: Vec<i64>,
}

impl Graph {
    pub(super) fn new(nodes: usize) -> Self {
        Graph {
            adj: vec![Vec::new(); nodes],
            to: Vec::new(),
            cap: Vec::new(),
            cost: Vec::new(),
        }
    }

    /// Adds an arc, returns its index.
    pub(super) fn add(&mut self, from: usize, to: usize, cap: i64, cost: i64) -> usize {
        let e = self.to.len();
        self.to.push(to);
        self.cap.push(cap);
        self.cost.push(cost);
        self.adj[from].push(e);
        self.to.push(from);
        self.cap.push(0);
        self.cost.push(-cost);
        self.adj[to].push(e + 1);
        e
    }

    /// Flow on arc `e`.
    pub(super) fn flow(&self, e: usize) -> i64 {
        self.cap[e ^ 1]
    }

    /// Nodes reachable from `s` in the residual graph (the source side of a minimum cut).
    pub(super) fn reachable(&self, s: usize) -> Vec<bool> {
        self.search(s, None, &[]).0
    }

    /// Breadth-first search of the residual graph from `s`, through none of `avoid`, up to
    /// `t` when given: the nodes seen, and the arc each was first reached by.
    fn search(
        &self,
        s: usize,
        t: Option<usize>,
        avoid: &[usize],
    ) -> (Vec<bool>, Vec<Option<usize>>) {
        let mut seen = vec![false; self.adj.len()];
        let mut via: Vec<Option<usize>> = vec![None; self.adj.len()];
        seen[s] = true;
        for &a in avoid {
            seen[a] = true;
        }
        let mut queue = VecDeque::from([s]);
        while let Some(u) = queue.pop_front() {
            for &e in &self.adj[u] {
                let v = self.to[e];
                if self.cap[e] > 0 && !seen[v] {
                    seen[v] = true;
                    via[v] = Some(e);
                    if Some(v) == t {
                        return (seen, via);
                    }
                    queue.push_back(v);
                }
            }
        }
        (seen, via)
    }

    fn admissible(&self, u: usize, e: usize, pot: Option<&[i64]>) -> bool {
        self.cap[e] > 0 && pot.is_none_or(|h| self.cost[e] + h[u] - h[self.to[e]] == 0)
    }

    /// Dinic's phases on the admissible arcs, up to `limit`.
    fn blocking(&mut self, s: usize, t: usize, limit: i64, pot: Option<&[i64]>) -> i64 {
        let n = self.adj.len();
        let mut total = 0;
        while total < limit {
            let mut level = vec![-1i64; n];
            level[s] = 0;
            let mut queue = VecDeque::from([s]);
            while let Some(u) = queue.pop_front() {
                for i in 0..self.adj[u].len() {
                    let e = self.adj[u][i];
                    let v = self.to[e];
                    if level[v] < 0 && self.admissible(u, e, pot) {
                        level[v] = level[u] + 1;
                        queue.push_back(v);
                    }
                }
            }
            if level[t] < 0 {
                break;
            }
            let mut it = vec![0usize; n];
            loop {
                let f = self.dfs(s, t, limit - total, &level, &mut it, pot);
                if f == 0 {
                    break;
                }
                total += f;
                if total >= limit {
                    break;
                }
            }
        }
        total
    }

    fn dfs(
        &mut self,
        u: usize,
        t: usize,
        f: i64,
        level: &[i64],
        it: &mut [usize],
        pot: Option<&[i64]>,
    ) -> i64 {
        if u == t {
            return f;
        }
        while it[u] < self.adj[u].len() {
            let e = self.adj[u][it[u]];
            let v = self.to[e];
            if level[v] == level[u] + 1 && self.admissible(u, e, pot) {
                let d = self.dfs(v, t, f.min(self.cap[e]), level, it, pot);
                if d > 0 {
                    self.cap[e] -= d;
                    self.cap[e ^ 1] += d;
                    return d;
                }
            }
            it[u] += 1;
        }
        0
    }

    /// Arcs of a shortest path from `s` to `t` in the residual graph that goes through
    /// none of `avoid`; none when there is no such path.
    pub(super) fn residual_path(&self, s: usize, t: usize, avoid: &[usize]) -> Option<Vec<usize>> {
        let (seen, via) = self.search(s, Some(t), avoid);
        if !seen[t] || avoid.contains(&t) {
            return None;
        }
        let mut path = Vec::new();
        let mut at = t;
        while let Some(e) = via[at] {
            path.push(e);
            at = self.to[e ^ 1];
        }
        path.reverse();
        Some(path)
    }

    /// The most that can be pushed more along `arcs`.
    pub(super) fn bottleneck(&self, arcs: &[usize]) -> i64 {
        arcs.iter().map(|&e| self.cap[e]).min().unwrap_or(0)
    }

    /// Pushes `amount` more along `arcs` (each must have that much residual capacity).
    pub(super) fn push(&mut self, arcs: &[usize], amount: i64) {
        for &e in arcs {
            self.cap[e] -= amount;
            self.cap[e ^ 1] += amount;
        }
    }

    /// Sets the capacity of arc `e` (with no flow on it yet).
    pub(super) fn set_cap(&mut self, e: usize, cap: i64) {
        self.cap[e] = cap;
    }

    /// Maximum flow from `s` to `t`, up to `limit`.
    pub(super) fn max_flow(&mut self, s: usize, t: usize, limit: i64) -> i64 {
        self.blocking(s, t, limit, None)
    }

    /// Minimum-cost flow of value up to `limit` (costs non-negative): (flow, cost).
    pub(super) fn min_cost_flow(&mut self, s: usize, t: usize, limit: i64) -> (i64, i64) {
        let n = self.adj.len();
        let mut h = vec![0i64; n];
        let mut flow = 0;
        while flow < limit {
            let mut dist = vec![INF; n];
            dist[s] = 0;
            let mut heap = BinaryHeap::from([Reverse((0i64, s))]);
            while let Some(Reverse((d, u))) = heap.pop() {
                if d > dist[u] {
                    continue;
                }
                for &e in &self.adj[u] {
                    if self.cap[e] > 0 {
                        let v = self.to[e];
                        let nd = d + self.cost[e] + h[u] - h[v];
                        if nd < dist[v] {
                            dist[v] = nd;
                            heap.push(Reverse((nd, v)));
                        }
                    }
                }
            }
            if dist[t] >= INF {
                break;
            }
            for v in 0..n {
                h[v] += dist[v].min(dist[t]);
            }
            let f = self.blocking(s, t, limit - flow, Some(&h));
            if f == 0 {
                break;
            }
            flow += f;
        }
        let cost = (0..self.to.len())
            .step_by(2)
            .map(|e| self.flow(e) * self.cost[e])
            .sum();
        (flow, cost)
    }
}

#[cfg(test)]
mod tests {
    use super::Graph;

    #[test]
    fn min_cost_flow_is_cheapest() {
        // s=0, t=1, two classes (2, 3) of 3, two blocks (4, 5) of 6.
        let mut g = Graph::new(6);
        g.add(4, 1, 6, 0);
        g.add(5, 1, 6, 0);
        g.add(0, 2, 3, 0);
        g.add(2, 4, 3, 7);
        g.add(2, 5, 3, 7);
        g.add(0, 3, 3, 0);
        g.add(3, 4, 3, 7);
        g.add(3, 5, 3, 8);
        assert_eq!(g.min_cost_flow(0, 1, 6), (6, 42));
    }
}
