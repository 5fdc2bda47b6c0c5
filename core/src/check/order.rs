//! Dependency order: items arranged so that each comes after those it reads, in time
//! linear in the items and their references. Circles are reported with their members in
//! the circle's own order; chains longer than a limit are reported where they pass it.

use super::{Checker, Span};
use crate::error::PackErrorKind;

/// One item to order: its name, where it is defined, and the items it reads.
pub(super) struct Node<'a> {
    pub name: &'a str,
    pub file: usize,
    pub span: Span,
    pub reads: Vec<u32>,
}

/// The items in an order where each comes after the ones it reads (those in a circle are
/// left out and reported). `what` names them in messages ("fact"); a chain longer than
/// `max_depth` items is reported at the item that makes it so.
pub(super) fn order(ck: &mut Checker<'_>, what: &str, nodes: &[Node<'_>], max_depth: Option<usize>) -> Vec<u32> {
    let n = nodes.len();
    let mut readers: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut waiting = vec![0usize; n];
    for (j, node) in nodes.iter().enumerate() {
        for &d in &node.reads {
            if (d as usize) < n {
                // Readers are added in index order; a read listed twice is counted twice
                // here and released twice below.
                readers[d as usize].push(j as u32);
                waiting[j] += 1;
            }
        }
    }
    // A stack, smallest index on top, each item's readers pushed in index order as they
    // become ready: the order does not depend on anything but the pack's text.
    let mut ready: Vec<u32> = (0..n as u32).filter(|i| waiting[*i as usize] == 0).rev().collect();
    let mut depth = vec![0usize; n];
    let mut too_deep = false;
    let mut order = Vec::with_capacity(n);
    while let Some(i) = ready.pop() {
        let node = &nodes[i as usize];
        let d = 1 + node.reads.iter().filter(|r| (**r as usize) < n).map(|r| depth[*r as usize]).max().unwrap_or(0);
        depth[i as usize] = d;
        if let Some(max) = max_depth.filter(|max| d > *max && !too_deep) {
            too_deep = true;
            ck.err(
                PackErrorKind::Limit,
                node.file,
                node.span.clone(),
                format!(
                    "{what} `{}` ends a chain of {d} {what}s, each reading the next; at most {max} are allowed",
                    node.name
                ),
            );
        }
        order.push(i);
        for &j in &readers[i as usize] {
            waiting[j as usize] -= 1;
            if waiting[j as usize] == 0 {
                ready.push(j);
            }
        }
    }
    if order.len() < n {
        report_circles(ck, what, nodes, &waiting);
    }
    order
}

/// Every item still `waiting` reads another that is: following such reads from any of
/// them must come back to one already passed. Each circle found is reported once.
fn report_circles(ck: &mut Checker<'_>, what: &str, nodes: &[Node<'_>], waiting: &[usize]) {
    const UNSEEN: usize = usize::MAX;
    let stuck = |i: usize| waiting[i] > 0;
    // The walk that first reached each item, and the item's position in it.
    let mut walk_of = vec![UNSEEN; nodes.len()];
    let mut position = vec![0usize; nodes.len()];
    for start in (0..nodes.len()).filter(|i| stuck(*i)) {
        if walk_of[start] != UNSEEN {
            continue;
        }
        let mut path: Vec<usize> = Vec::new();
        let mut at = start;
        loop {
            walk_of[at] = start;
            position[at] = path.len();
            path.push(at);
            let Some(next) = nodes[at].reads.iter().map(|r| *r as usize).find(|r| *r < nodes.len() && stuck(*r)) else {
                break;
            };
            if walk_of[next] == start {
                let circle = &path[position[next]..];
                // Start from its first item in the pack's order; keep the circle's order.
                let first = (0..circle.len()).min_by_key(|k| circle[*k]).unwrap_or(0);
                let mut names: Vec<&str> =
                    (0..circle.len()).map(|k| nodes[circle[(first + k) % circle.len()]].name).collect();
                names.push(names[0]);
                let head = &nodes[circle[first]];
                ck.err(
                    PackErrorKind::Cycle,
                    head.file,
                    head.span.clone(),
                    format!("{what}s refer to each other in a circle: {}", names.join(" → ")),
                );
                break;
            }
            if walk_of[next] != UNSEEN {
                break; // joins a walk already followed: its circle is reported
            }
            at = next;
        }
    }
}
