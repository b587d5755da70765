//! Import reports kept in bounds: possible duplicates reported once per group (not each
//! row against every other), and the listed rows cut at a size bound, with a count of the
//! rest.

use super::limits::DUPLICATE_ROWS_LISTED;
use renda_openapi::{DuplicateGroup, RowReport};
use serde::Serialize;
use std::collections::HashMap;
use std::hash::Hash;

/// Groups of rows that share a key, built in one pass.
pub struct Duplicates {
    /// Groups of two rows or more, in order of their first row.
    pub groups: Vec<DuplicateGroup>,
    /// Per row index: its group's index in `groups`.
    of_row: Vec<Option<u32>>,
    /// Per group: its first `DUPLICATE_ROWS_LISTED + 1` row numbers (one more than a
    /// group lists, so a row's list of the others is full after leaving itself out).
    first: Vec<Vec<u32>>,
}

impl Duplicates {
    /// Groups `rows` (row number, key such as the name and delegation, or `None` for a row
    /// that takes no part) by key; `label` names a group by its key (name, delegation).
    pub fn group<K: Hash + Eq>(
        rows: impl Iterator<Item = (u32, Option<K>)>,
        label: impl Fn(&K) -> (String, Option<String>),
    ) -> Duplicates {
        let mut index: HashMap<K, usize> = HashMap::new();
        let mut all: Vec<DuplicateGroup> = vec![];
        let mut first: Vec<Vec<u32>> = vec![];
        let mut of_row = vec![];
        for (number, key) in rows {
            let Some(key) = key else {
                of_row.push(None);
                continue;
            };
            let (name, delegation) = match index.get(&key) {
                Some(_) => (String::new(), None),
                None => label(&key),
            };
            let g = *index.entry(key).or_insert_with(|| {
                all.push(DuplicateGroup {
                    name,
                    delegation,
                    count: 0,
                    rows: vec![],
                    more: 0,
                });
                first.push(vec![]);
                all.len() - 1
            });
            all[g].count += 1;
            if first[g].len() <= DUPLICATE_ROWS_LISTED {
                first[g].push(number);
            }
            of_row.push(Some(g));
        }
        // Only groups of two or more are reported; renumber them.
        let mut renumbered = vec![None; all.len()];
        let mut groups = vec![];
        let mut kept_first = vec![];
        for (g, (mut group, rows)) in all.into_iter().zip(first).enumerate() {
            if group.count > 1 {
                renumbered[g] = Some(groups.len() as u32);
                group.rows = rows.iter().copied().take(DUPLICATE_ROWS_LISTED).collect();
                group.more = group.count - group.rows.len() as u32;
                groups.push(group);
                kept_first.push(rows);
            }
        }
        Duplicates {
            groups,
            of_row: of_row
                .into_iter()
                .map(|g| g.and_then(|g| renumbered[g]))
                .collect(),
            first: kept_first,
        }
    }

    /// The row at `index` (number `number`): its group, the other rows listed (at most
    /// `DUPLICATE_ROWS_LISTED`) and how many more there are.
    pub fn of(&self, index: usize, number: u32) -> (Option<u32>, Vec<u32>, u32) {
        let Some(g) = self.of_row.get(index).copied().flatten() else {
            return (None, vec![], 0);
        };
        let others: Vec<u32> = self.first[g as usize]
            .iter()
            .copied()
            .filter(|n| *n != number)
            .take(DUPLICATE_ROWS_LISTED)
            .collect();
        let more = self.groups[g as usize].count - 1 - others.len() as u32;
        (Some(g), others, more)
    }

    /// Fills a row report's duplicate fields.
    pub fn mark(&self, index: usize, report: &mut RowReport) {
        let (group, rows, more) = self.of(index, report.row);
        report.duplicate_group = group;
        report.possible_duplicate_rows = rows;
        report.possible_duplicates_more = more;
    }
}

/// The bytes left for the rows of a report (`IMPORT_MAX_REPORT_BYTES`).
pub struct Budget {
    left: usize,
    /// Rows left out since the bound was reached.
    pub omitted: u32,
}

impl Budget {
    /// A budget of `bytes`, less what `already` (the report's other parts) takes.
    pub fn new(bytes: usize, already: &impl Serialize) -> Budget {
        Budget {
            left: bytes.saturating_sub(json_len(already)),
            omitted: 0,
        }
    }

    /// Whether `item` still fits; once one does not, no later one is listed either, so
    /// the listed rows are always the first ones.
    pub fn admit(&mut self, item: &impl Serialize) -> bool {
        if self.omitted == 0 {
            let n = json_len(item) + 1;
            if n <= self.left {
                self.left -= n;
                return true;
            }
        }
        self.omitted += 1;
        false
    }

    /// Whether rows were left out.
    pub fn truncated(&self) -> bool {
        self.omitted > 0
    }
}

/// The length of a value's JSON, counted without building it.
fn json_len(value: &impl Serialize) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, value);
    count.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row of the tests: its number and its key (name, delegation).
    type Keyed<'a> = (u32, Option<(&'a str, Option<&'a str>)>);

    fn label(k: &(&str, Option<&str>)) -> (String, Option<String>) {
        (k.0.to_string(), k.1.map(str::to_string))
    }

    #[test]
    fn a_large_group_is_listed_once_and_capped() {
        let names: Vec<Keyed> = (0..10_000).map(|i| (i + 2, Some(("张", None)))).collect();
        let d = Duplicates::group(names.into_iter(), label);
        assert_eq!(d.groups.len(), 1);
        assert_eq!(d.groups[0].count, 10_000);
        assert_eq!(d.groups[0].rows.len(), DUPLICATE_ROWS_LISTED);
        assert_eq!(d.groups[0].more, 10_000 - DUPLICATE_ROWS_LISTED as u32);
        let (g, rows, more) = d.of(0, 2);
        assert_eq!(g, Some(0));
        assert_eq!(rows.len(), DUPLICATE_ROWS_LISTED);
        assert!(!rows.contains(&2));
        assert_eq!(more, 10_000 - 1 - DUPLICATE_ROWS_LISTED as u32);
        let (_, rows, _) = d.of(9_999, 10_001);
        assert_eq!(rows[0], 2);
    }

    #[test]
    fn singles_and_rows_without_a_key_are_not_grouped() {
        let rows: Vec<Keyed> = vec![
            (2, Some(("李", Some("甲")))),
            (3, Some(("李", Some("乙")))),
            (4, None),
            (5, Some(("李", Some("甲")))),
        ];
        let d = Duplicates::group(rows.into_iter(), label);
        assert_eq!(d.groups.len(), 1);
        assert_eq!(d.of(0, 2), (Some(0), vec![5], 0));
        assert_eq!(d.of(1, 3), (None, vec![], 0));
        assert_eq!(d.of(2, 4), (None, vec![], 0));
    }

    #[test]
    fn the_budget_stops_at_the_first_row_that_does_not_fit() {
        let mut b = Budget::new(20, &"");
        assert!(b.admit(&"0123456789"));
        assert!(!b.admit(&"0123456789"));
        assert!(!b.admit(&1));
        assert_eq!(b.omitted, 2);
        assert!(b.truncated());
    }
}
