//! One random stream per draw, from (seed, draw index) alone.
//!
//! The generator is ChaCha8 (rand_chacha): the key comes from the scenario seed and
//! the 64-bit stream number is the draw index, so draw i is the same sequence on any
//! thread count, can be re-run alone, and is shared by every scenario with the same
//! seed (common random numbers).

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The random stream of draw `draw` under `seed`.
pub fn draw_rng(seed: u64, draw: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(draw);
    rng
}
