//! A generated generic-format CSV for large-file tests and the import benchmark.

use std::path::Path;

/// Writes a generic-format CSV of `rows` distinct leads, streamed (never held in memory).
pub fn write_generated_csv(path: &Path, rows: usize) {
    use std::io::Write;
    let stages = ["new", "engaged", "mql", "sql", "opportunity", "won", "lost"];
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        w,
        "external_id,name,company,email,source,owner,stage,score,value,created_at,next_step"
    )
    .unwrap();
    for i in 0..rows {
        writeln!(
            w,
            "GEN-{i:08},Lead number {i},\"Company {c}, Ltd\",lead{i}@example{c}.com,webinar,rep{r},{s},{sc},\"{v},{cents:03}.50\",2026-{m:02}-{d:02} 09:30,Call back about the proposal and the pricing sheet",
            c = i % 997,
            r = i % 12,
            s = stages[i % stages.len()],
            sc = i % 101,
            v = 1 + i % 90,
            cents = i % 1000,
            m = 1 + i % 12,
            d = 1 + i % 28,
        )
        .unwrap();
    }
    w.flush().unwrap();
}
