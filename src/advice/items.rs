//! The items of a plan and their choices: each criterion (or 5.1 with the
//! criteria that hang on it) and every allowed way to change it, each
//! with the points it adds, the criteria it changes and its cost.

use super::costs::Costs;
use super::resolved::Resolved;
use super::types::Unreachable;
use crate::compiled::{Compiled, UNREADABLE};
use crate::sheet::{self, NONE};
use crate::stars::gate_met;

/// The steps of one choice, inline: an item has at most 8 (a criterion
/// with one per case, or 5.1 with its dependents; the loader allows no
/// more).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Steps {
    pub(super) n: u8,
    pub(super) at: [(u16, u8); 8],
}

impl Steps {
    pub(super) fn push(&mut self, leaf: usize, o: u8) {
        // Leaves number at most 1,000 and steps at most 8 (validation).
        self.at[usize::from(self.n)] = (leaf as u16, o);
        self.n += 1;
    }

    pub(super) fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The leaves, in order, for comparing which criteria come first.
    pub(super) fn leaves(&self) -> impl Iterator<Item = u16> + '_ {
        self.at[..usize::from(self.n)].iter().map(|&(l, _)| l)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (usize, u8)> + '_ {
        self.at[..usize::from(self.n)]
            .iter()
            .map(|&(l, o)| (usize::from(l), o))
    }
}

/// One way to change an item (a criterion, or 5.1 with its dependents).
#[derive(Debug, Clone)]
pub(super) struct Change {
    /// Points added to the council's sum.
    pub(super) delta: u32,
    /// Criteria changed.
    pub(super) changes: u32,
    pub(super) cost: u64,
    /// (leaf, option) in sheet order.
    pub(super) steps: Steps,
    /// The leaves whose answers change (option unused), in sheet order.
    pub(super) changed: Steps,
}

/// The conditions a criterion's council sum must meet.
pub(super) struct Conditions<'a> {
    /// (leaf, tier, points) of the minimums in force.
    pub(super) gates: Vec<(usize, u8, u8)>,
    /// Leaves whose zero-points knock-out must be lifted.
    pub(super) zero: Vec<usize>,
    pub(super) k: &'a Resolved<'a>,
}

impl Conditions<'_> {
    pub(super) fn new<'a>(k: &'a Resolved<'a>, up_to: u8) -> Conditions<'a> {
        Conditions {
            gates: k
                .c
                .gates
                .iter()
                .filter(|g| g.stars <= up_to)
                .map(|g| (usize::from(g.leaf), g.stars, g.points))
                .collect(),
            zero: k
                .c
                .knockouts
                .iter()
                .filter_map(|x| x.zero_leaf.map(usize::from))
                .collect(),
            k,
        }
    }

    /// The first condition on `leaf` that `sum` fails.
    pub(super) fn fails(&self, leaf: usize, sum: u64) -> Option<Unreachable> {
        let n = self.k.n();
        for &(l, stars, points) in &self.gates {
            if l == leaf && !gate_met(sum, points, n) {
                let criterion = self.k.c.codes.leaves[leaf].to_string();
                return Some(Unreachable::Gate { criterion, stars });
            }
        }
        if self.zero.contains(&leaf) && sum == 0 {
            let criterion = self.k.c.codes.leaves[leaf].to_string();
            return Some(Unreachable::ZeroPoints { criterion });
        }
        None
    }
}

/// Keeps the reason of the choice that got furthest: a choice fails at
/// its lowest failing tier, so the highest such tier over all choices is
/// the minimum no allowed choice meets (the lower ones some choice does);
/// a choice that meets every minimum but fails a zero-points knock-out
/// got further still.
pub(super) fn deepest(reason: &mut Option<Unreachable>, r: Unreachable) {
    let depth = |u: &Unreachable| match u {
        Unreachable::Gate { stars, .. } => u16::from(*stars),
        Unreachable::ZeroPoints { .. } => u16::MAX,
        _ => 0,
    };
    if reason.as_ref().is_none_or(|old| depth(&r) > depth(old)) {
        *reason = Some(r);
    }
}

/// The items of a plan: each criterion that does not hang on another,
/// with the criteria that hang on it.
pub(super) fn items(c: &Compiled) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for (i, l) in c.leaves.iter().enumerate() {
        if l.applies_if.is_some() {
            continue;
        }
        let mut item = vec![i];
        for (d, x) in c.leaves.iter().enumerate() {
            if x.applies_if.is_some_and(|(t, _)| usize::from(t) == i) {
                item.push(d);
            }
        }
        out.push(item);
    }
    out
}

/// The options of a leaf a step may raise to: readable, and allowed by
/// the costs.
pub(super) fn options(
    k: &Resolved<'_>,
    leaf: usize,
    costs: Option<&Costs>,
) -> Vec<u8> {
    let c = k.c;
    let l = &c.leaves[leaf];
    let code = &c.codes.leaves[leaf];
    (0..l.options)
        .filter(|&o| c.points(leaf, o) != UNREADABLE)
        .filter(|&o| !l.yes_no || o == 1)
        .filter(|&o| {
            costs.is_none_or(|x| x.of(code, l.yes_no, &[o]).is_some())
        })
        .collect()
}

/// Every allowed choice of an item, "no change" first when allowed. The
/// `Err` is the reason when no choice meets the item's conditions.
pub(super) fn choices(
    k: &Resolved<'_>,
    item: &[usize],
    cond: &Conditions<'_>,
    costs: Option<&Costs>,
) -> std::result::Result<Vec<Change>, Unreachable> {
    match item {
        [leaf] => single(k, *leaf, cond, costs),
        [head, deps @ ..] => group(k, *head, deps, cond, costs),
        [] => Ok(vec![Change {
            delta: 0,
            changes: 0,
            cost: 0,
            steps: Steps::default(),
            changed: Steps::default(),
        }]),
    }
}

/// One way to answer a dependent criterion, given the head's answers.
#[derive(Clone, Copy)]
pub(super) struct DepChange {
    pub(super) option: Option<u8>,
    pub(super) sum: u64,
    pub(super) changed: bool,
    pub(super) cost: u64,
}

/// [`choices`] for 5.1 and the criteria that apply only with a story. The
/// dependents hang on the head alone, so for each way to raise the head,
/// each dependent's ways are judged on their own and then combined. The
/// loader keeps cases out of such groups.
pub(super) fn group(
    k: &Resolved<'_>,
    head: usize,
    deps: &[usize],
    cond: &Conditions<'_>,
    costs: Option<&Costs>,
) -> std::result::Result<Vec<Change>, Unreachable> {
    let c = k.c;
    let base: u64 = std::iter::once(head)
        .chain(deps.iter().copied())
        .map(|l| k.sum(&k.choice, l))
        .sum();
    let code = |l: usize| &*c.codes.leaves[l];
    let cost_of = |l: usize, o: Option<u8>| -> Option<u64> {
        match costs {
            None => Some(0),
            Some(x) => x.of(code(l), c.leaves[l].yes_no, o.as_slice()),
        }
    };
    let mut out = Vec::new();
    let mut reason = None;
    let head_opts = options(k, head, costs);
    let dep_opts: Vec<Vec<u8>> =
        deps.iter().map(|&d| options(k, d, costs)).collect();
    for h in std::iter::once(None).chain(head_opts.iter().copied().map(Some)) {
        let heads: Vec<u8> = k
            .choice
            .iter()
            .map(|m| match h {
                Some(o) if k.pts(head, m[head]) < c.points(head, o) => o,
                _ => m[head],
            })
            .collect();
        let head_changed =
            k.choice.iter().zip(&heads).any(|(m, &x)| m[head] != x);
        if h.is_some() && !head_changed {
            continue;
        }
        let head_sum: u64 =
            heads.iter().map(|&x| u64::from(k.pts(head, x))).sum();
        if let Some(r) = cond.fails(head, head_sum) {
            deepest(&mut reason, r);
            continue;
        }
        let Some(head_cost) =
            (if head_changed { cost_of(head, h) } else { Some(0) })
        else {
            continue;
        };
        // Per dependent, its ways given these head answers.
        let mut per_dep: Vec<Vec<DepChange>> = Vec::with_capacity(deps.len());
        for (&d, opts) in deps.iter().zip(&dep_opts) {
            let mut ways = Vec::new();
            for od in
                std::iter::once(None).chain(opts.iter().copied().map(Some))
            {
                let (mut sum, mut changed, mut complete) = (0u64, false, true);
                for (m, &hc) in k.choice.iter().zip(&heads) {
                    let applies = sheet::applies_given(&c.leaves[d], hc);
                    let cur = m[d];
                    let new = match (applies, cur, od) {
                        (false, _, _) => NONE,
                        (true, NONE, o) => o.unwrap_or(NONE),
                        (true, cur, Some(o))
                            if c.points(d, o) > c.points(d, cur) =>
                        {
                            o
                        }
                        (true, cur, _) => cur,
                    };
                    complete &= !applies || new != NONE;
                    changed |= new != cur;
                    sum += u64::from(k.pts(d, new));
                }
                if !complete || (od.is_some() && !changed) {
                    continue;
                }
                if let Some(r) = cond.fails(d, sum) {
                    deepest(&mut reason, r);
                    continue;
                }
                let cost = if changed { cost_of(d, od) } else { Some(0) };
                if let Some(cost) = cost {
                    ways.push(DepChange { option: od, sum, changed, cost });
                }
            }
            per_dep.push(ways);
        }
        if per_dep.iter().any(Vec::is_empty) {
            continue;
        }
        let mut idx = vec![0usize; deps.len()];
        loop {
            let mut steps = Steps::default();
            let mut changed = Steps::default();
            if head_changed {
                changed.push(head, 0);
                if let Some(o) = h {
                    steps.push(head, o);
                }
            }
            let mut sum = head_sum;
            let mut changes = u32::from(head_changed);
            let mut cost = head_cost;
            for ((&d, ways), &i) in deps.iter().zip(&per_dep).zip(&idx) {
                let w = ways[i];
                sum += w.sum;
                changes += u32::from(w.changed);
                cost += w.cost;
                if w.changed {
                    changed.push(d, 0);
                }
                if let Some(o) = w.option {
                    steps.push(d, o);
                }
            }
            if sum >= base {
                let delta = (sum - base) as u32;
                out.push(Change { delta, changes, cost, steps, changed });
            }
            // Digits run over 0..len here, not 0..=len.
            if !next_index(&mut idx, |i| per_dep[i].len() - 1) {
                break;
            }
        }
    }
    finish(out, reason, code(head))
}

/// Advances a mixed-radix counter whose digit `i` runs over
/// `0..=len(i)`; false when it wraps.
pub(super) fn next_index(
    idx: &mut [usize],
    len: impl Fn(usize) -> usize,
) -> bool {
    for (i, x) in idx.iter_mut().enumerate() {
        *x += 1;
        if *x <= len(i) {
            return true;
        }
        *x = 0;
    }
    false
}

/// The choices found, or why there are none.
pub(super) fn finish(
    out: Vec<Change>,
    reason: Option<Unreachable>,
    code: &str,
) -> std::result::Result<Vec<Change>, Unreachable> {
    if out.is_empty() {
        // Every choice failed a condition, which `reason` names; without
        // one, costs allowed no choice at all.
        Err(reason.unwrap_or(Unreachable::Gate {
            criterion: code.to_owned(),
            stars: 0,
        }))
    } else {
        Ok(dedup(out))
    }
}

/// [`choices`] for an item of one criterion, the common case, computed
/// on points alone: a raise to option `o` gives each member in `o`'s case
/// the larger of their points and `o`'s, so each case adds its own
/// points.
pub(super) fn single(
    k: &Resolved<'_>,
    leaf: usize,
    cond: &Conditions<'_>,
    costs: Option<&Costs>,
) -> std::result::Result<Vec<Change>, Unreachable> {
    let c = k.c;
    let l = &c.leaves[leaf];
    let code = &c.codes.leaves[leaf];
    let base = k.sum(&k.choice, leaf);
    // The cases the members' answers are in (0 when the criterion has
    // none), in order.
    let mut cases = [0u8; 9];
    let mut n_cases = 0;
    for m in &k.choice {
        let cs = c.case(leaf, m[leaf]);
        if !cases[..n_cases].contains(&cs) {
            cases[n_cases] = cs;
            n_cases += 1;
        }
    }
    let cases = &mut cases[..n_cases];
    cases.sort_unstable();
    if let [case] = cases {
        return one_case(k, leaf, *case, base, cond, costs);
    }
    // Per case, the raises that add points: (option, points added).
    let opts = options(k, leaf, costs);
    let per_case: Vec<Vec<(u8, u32)>> = cases
        .iter()
        .map(|&cs| {
            opts.iter()
                .filter(|&&o| c.case(leaf, o) == cs)
                .filter_map(|&o| {
                    let p = c.points(leaf, o);
                    let added: u32 = k
                        .choice
                        .iter()
                        .filter(|m| c.case(leaf, m[leaf]) == cs)
                        .map(|m| {
                            u32::from(
                                p.saturating_sub(c.points(leaf, m[leaf])),
                            )
                        })
                        .sum();
                    (added > 0).then_some((o, added))
                })
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    let mut reason = None;
    let mut idx = vec![0usize; cases.len()];
    loop {
        let mut steps = Steps::default();
        let mut delta = 0;
        for (at, &i) in idx.iter().enumerate() {
            if let Some(&(o, added)) =
                i.checked_sub(1).and_then(|i| per_case[at].get(i))
            {
                steps.push(leaf, o);
                delta += added;
            }
        }
        let mut ok = true;
        if let Some(r) = cond.fails(leaf, base + u64::from(delta)) {
            deepest(&mut reason, r);
            ok = false;
        }
        let mut cost = 0;
        if let (Some(costs), false) = (costs, steps.is_empty()) {
            let opts: Vec<u8> = steps.iter().map(|s| s.1).collect();
            match costs.of(code, l.yes_no, &opts) {
                Some(x) => cost = x,
                None => ok = false,
            }
        }
        if ok {
            let changes = u32::from(!steps.is_empty());
            let mut changed = Steps::default();
            if changes > 0 {
                changed.push(leaf, 0);
            }
            out.push(Change { delta, changes, cost, steps, changed });
        }
        if !next_index(&mut idx, |i| per_case[i].len()) {
            return finish(out, reason, code);
        }
    }
}

/// [`single`] when every member's answer is in one case (or the
/// criterion has none): each raise is one choice.
pub(super) fn one_case(
    k: &Resolved<'_>,
    leaf: usize,
    case: u8,
    base: u64,
    cond: &Conditions<'_>,
    costs: Option<&Costs>,
) -> std::result::Result<Vec<Change>, Unreachable> {
    let c = k.c;
    let l = &c.leaves[leaf];
    let code = &c.codes.leaves[leaf];
    let mut out = Vec::with_capacity(usize::from(l.options) + 1);
    let mut reason = None;
    let mut push = |o: Option<u8>, added: u32, out: &mut Vec<Change>| {
        if let Some(r) = cond.fails(leaf, base + u64::from(added)) {
            deepest(&mut reason, r);
            return;
        }
        let mut choice = Change {
            delta: added,
            changes: 0,
            cost: 0,
            steps: Steps::default(),
            changed: Steps::default(),
        };
        if let Some(o) = o {
            if let Some(costs) = costs {
                match costs.of(code, l.yes_no, &[o]) {
                    Some(x) => choice.cost = x,
                    None => return,
                }
            }
            choice.changes = 1;
            choice.steps.push(leaf, o);
            choice.changed.push(leaf, 0);
        }
        out.push(choice);
    };
    push(None, 0, &mut out);
    for o in 0..l.options {
        let p = c.points(leaf, o);
        if p == UNREADABLE || (l.yes_no && o != 1) || c.case(leaf, o) != case {
            continue;
        }
        let added: u32 = k
            .choice
            .iter()
            .map(|m| u32::from(p.saturating_sub(c.points(leaf, m[leaf]))))
            .sum();
        if added > 0 {
            push(Some(o), added, &mut out);
        }
    }
    finish(out, reason, code)
}

/// Keeps one choice per (delta, changes): the cheapest, then the one
/// changing the earliest criteria; "no change" stays first.
pub(super) fn dedup(mut v: Vec<Change>) -> Vec<Change> {
    // Stable: enumeration order (lower options first) breaks what is left.
    v.sort_by(|a, b| {
        (!a.steps.is_empty(), a.delta, a.changes, a.cost)
            .cmp(&(!b.steps.is_empty(), b.delta, b.changes, b.cost))
            .then_with(|| a.changed.leaves().cmp(b.changed.leaves()))
    });
    let mut out: Vec<Change> = Vec::with_capacity(v.len());
    for x in v {
        let dominated = out.iter().any(|y| {
            y.delta == x.delta
                && y.changes == x.changes
                && y.cost <= x.cost
                && y.steps.is_empty() == x.steps.is_empty()
        });
        if !dominated {
            out.push(x);
        }
    }
    out
}
