//! Long computations spread over the machine's cores (letters, the ranking of a large
//! campaign): plain scoped threads, results in the order of the input.

use std::sync::OnceLock;

/// How many threads long work runs on: the cores, at most 8 (asked once: the system's
/// answer reads the control groups' files each time).
pub(crate) fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 8)
    })
}

/// `f` over `items`, results in order; on every core when there are at least `min` items
/// (below, starting threads costs more than it saves).
pub(crate) fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    min: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let workers = cores();
    if workers < 2 || items.len() < min {
        return items.iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(items.len().div_ceil(workers))
            .map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
