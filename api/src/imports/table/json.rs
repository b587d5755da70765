//! JSON: an array of objects whose keys are column names (or `{"rows": [...]}`), read item
//! by item with serde's visitors, so no `Value` tree of the whole body is ever built: the
//! item count, each item's keys and each value's size are checked as they are read, and a
//! value is kept as its text.

use super::{unreadable, Format, Rows, Table};
use crate::error::ApiError;
use crate::imports::limits::{ImportLimits, Limit, Place};
use renda_openapi::messages::imports::Unreadable;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::cell::RefCell;
use std::fmt;

/// Reads a JSON body. The header is every key in order of first appearance in the file
/// (a `serde_json::Value` sorted each object's keys; the file's order is kept now); row
/// numbers are 1-based indexes, the header is row 0.
///
/// Errors: 400 for JSON that does not parse; 413 over a bound; 422 for JSON of another
/// shape.
pub fn read(body: &[u8], limits: &ImportLimits) -> Result<Table, ApiError> {
    let ctx = Ctx {
        limits,
        refusal: RefCell::new(None),
        header: RefCell::new(vec![]),
        cells: RefCell::new(0),
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let items = Top(&ctx)
        .deserialize(&mut de)
        .and_then(|items| de.end().map(|()| items));
    let items = match items {
        Ok(items) => items,
        Err(e) => {
            if let Some(refusal) = ctx.refusal.take() {
                return Err(refusal);
            }
            return Err(ApiError::BadRequest(format!(
                "JSON 格式错误（第 {} 行第 {} 列）。",
                e.line(),
                e.column()
            )));
        }
    };
    let header = ctx.header.take();
    let mut rows = Rows::new(limits);
    rows.push(0, header.clone())?;
    for (i, item) in items.into_iter().enumerate() {
        let mut cells = vec![String::new(); header.len()];
        for (k, text) in item {
            cells[k] = text;
        }
        rows.push(i as u32 + 1, cells)?;
    }
    Ok(Table {
        format: Format::Json,
        rows: rows.rows,
        notes: vec![],
    })
}

/// One item: (column index in the header, text) for each key it has.
type Item = Vec<(usize, String)>;

/// What the visitors share: the bounds, the first refusal, the header so far, the count
/// of values kept.
struct Ctx<'a> {
    limits: &'a ImportLimits,
    refusal: RefCell<Option<ApiError>>,
    header: RefCell<Vec<String>>,
    cells: RefCell<u64>,
}

impl Ctx<'_> {
    /// Records why reading stops and returns the error that stops serde.
    fn refuse<E: de::Error>(&self, why: ApiError) -> E {
        self.refusal.borrow_mut().get_or_insert(why);
        E::custom("refused")
    }

    fn shape<E: de::Error>(&self) -> E {
        self.refuse(unreadable(Unreadable::JsonShape))
    }

    fn not_object<E: de::Error>(&self) -> E {
        self.refuse(unreadable(Unreadable::JsonItem))
    }
}

/// Scalars and sequences that are not what a visitor wants: refused with `$why`.
macro_rules! refuse_other_kinds {
    ($why:ident) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Err(self.0.$why())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Err(self.0.$why())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Err(self.0.$why())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Err(self.0.$why())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Err(self.0.$why())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(self.0.$why())
        }
    };
}

/// The whole body: an array of items, or an object with a `rows` array.
struct Top<'c, 'a>(&'c Ctx<'a>);

impl<'de> DeserializeSeed<'de> for Top<'_, '_> {
    type Value = Vec<Item>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = Vec<Item>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of objects, or an object with a rows array")
    }
    refuse_other_kinds!(shape);
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Items(self.0).visit_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut items = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "rows" && items.is_none() {
                items = Some(map.next_value_seed(Items(self.0))?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        items.ok_or_else(|| self.0.shape())
    }
}

/// The array of items, counted against the row bound as it is read.
struct Items<'c, 'a>(&'c Ctx<'a>);

impl<'de> DeserializeSeed<'de> for Items<'_, '_> {
    type Value = Vec<Item>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Items<'_, '_> {
    type Value = Vec<Item>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of objects")
    }
    refuse_other_kinds!(shape);
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.0.shape())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let limits = self.0.limits;
        let mut items = vec![];
        while let Some(item) = seq.next_element_seed(ItemSeed(self.0))? {
            // The header is row 0: items are rows 1 … n.
            if items.len() as u64 + 1 >= u64::from(limits.max_rows) {
                let at = Place::Item {
                    item: items.len() as u32 + 1,
                };
                return Err(self.0.refuse(limits.exceeded(Limit::Rows, Some(at))));
            }
            items.push(item);
        }
        Ok(items)
    }
}

/// One object of the array.
struct ItemSeed<'c, 'a>(&'c Ctx<'a>);

impl<'de> DeserializeSeed<'de> for ItemSeed<'_, '_> {
    type Value = Item;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ItemSeed<'_, '_> {
    type Value = Item;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    refuse_other_kinds!(not_object);
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.0.not_object())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let ctx = self.0;
        let limits = ctx.limits;
        let mut item: Item = vec![];
        while let Some(key) = map.next_key::<String>()? {
            let raw: &RawValue = map.next_value()?;
            if raw.get().len() > limits.max_cell_bytes {
                return Err(ctx.refuse(limits.exceeded(Limit::CellBytes, Some(Place::Key { key }))));
            }
            let mut header = ctx.header.borrow_mut();
            let k = match header.iter().position(|h| *h == key) {
                Some(k) => k,
                None if header.len() < limits.max_columns as usize => {
                    header.push(key);
                    header.len() - 1
                }
                None => return Err(ctx.refuse(limits.exceeded(Limit::Columns, None))),
            };
            *ctx.cells.borrow_mut() += 1;
            if *ctx.cells.borrow() > limits.max_cells {
                return Err(ctx.refuse(limits.exceeded(Limit::Cells, None)));
            }
            // A repeated key keeps its last value, as a JSON object would.
            item.retain(|(i, _)| *i != k);
            item.push((k, text(raw)));
        }
        Ok(item)
    }
}

/// A value's text: strings unquoted, null empty, anything else as compact JSON; a number
/// JSON cannot hold (`1e400`) as it was written, so that the column's check refuses it
/// rather than reading an empty cell.
fn text(raw: &RawValue) -> String {
    let s = raw.get();
    if s.starts_with('"') {
        return serde_json::from_str::<String>(s).unwrap_or_default();
    }
    match serde_json::from_str::<serde_json::Value>(s) {
        Ok(serde_json::Value::Null) => String::new(),
        Ok(other) => other.to_string(),
        Err(_) => s.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A number out of JSON's range keeps its text; null is empty; others compact.
    #[test]
    fn cells_read_as_written() {
        let limits = ImportLimits::default();
        let t = read(
            br#"[{"a": 1e400, "b": null, "c": 12, "d": "x", "e": [1, 2]}]"#,
            &limits,
        )
        .unwrap();
        assert_eq!(t.rows[0].1, ["a", "b", "c", "d", "e"]);
        assert_eq!(t.rows[1].1, ["1e400", "", "12", "x", "[1,2]"]);
    }
}
