//! Brands the packs know: their names, official domains and official sender ids.

use crate::links::BrandKeys;
use crate::patterns::Literals;
use crate::verdict::Explanation;
use std::collections::HashMap;
use std::ops::Range;

/// One brand from a pack's `[[brand]]` table.
#[derive(Debug, Clone)]
pub(crate) struct Brand {
    /// Stable id, e.g. `taobao`.
    pub id: String,
    /// Display name for explanations (`{brand}` placeholder).
    pub name: Explanation,
    /// How the brand is written in messages, in normalised form (lower-case, simplified).
    pub aliases: Vec<String>,
    /// Registrable domains the brand really uses (`taobao.com`, `tb.cn`).
    pub domains: Vec<String>,
    /// Sender ids or prefixes the brand really sends from (`95188`, `106575`).
    pub senders: Vec<String>,
}

/// All brands of the active packs, with the lookups links and senders need. Built once
/// per engine, so the per-link work is lookups, not a walk over every brand's strings.
#[derive(Debug)]
pub(crate) struct BrandTable {
    pub brands: Vec<Brand>,
    /// All aliases, longest first (so `京东金融` wins over `京东`), and each one's brand
    /// (the first brand that lists it).
    aliases: Option<Literals>,
    alias_owner: Vec<usize>,
    /// Official registrable domain → brand (the first brand that lists it).
    domain_owner: HashMap<String, usize>,
    /// Per brand, what host names are compared against (see [`BrandKeys`]).
    pub keys: Vec<BrandKeys>,
    /// Letter sender ids (`dbs`, `hsbc`) → brand: its ASCII aliases and the sender ids
    /// it lists that contain letters, in [`sender_id_key`] form.
    sender_id_owner: HashMap<String, usize>,
}

/// A letter sender id as brand names are compared with it: lower-case letters and
/// digits only, without a leading `#` (Hong Kong's registered ids, `#BOCHK`) or an
/// Indian operator header (`VM-`, `AX-`).
pub(crate) fn sender_id_key(id: &str) -> String {
    let id = id.trim().trim_start_matches('#');
    let id = match id.as_bytes() {
        [a, b, b'-', ..] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => &id[3..],
        _ => id,
    };
    id.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl BrandTable {
    /// Indexes `brands` for mentions, link and sender checks. Fails only if the alias
    /// automaton cannot be built (the error says why).
    pub fn new(brands: Vec<Brand>) -> Result<BrandTable, String> {
        let mut domain_owner = HashMap::new();
        let mut owner_of: HashMap<&str, usize> = HashMap::new();
        let mut sender_id_owner = HashMap::new();
        for (i, b) in brands.iter().enumerate() {
            for d in &b.domains {
                domain_owner.entry(d.clone()).or_insert(i);
            }
            let ascii_aliases = b.aliases.iter().filter(|a| a.is_ascii());
            let letter_senders = b
                .senders
                .iter()
                .filter(|s| s.bytes().any(|c| c.is_ascii_alphabetic()));
            for id in ascii_aliases.chain(letter_senders) {
                let key = sender_id_key(id);
                if key.len() >= 3 {
                    sender_id_owner.entry(key).or_insert(i);
                }
            }
            for a in &b.aliases {
                owner_of.entry(a.as_str()).or_insert(i);
            }
        }
        let mut aliases: Vec<(&str, usize)> = owner_of.into_iter().collect();
        aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
        let literals = if aliases.is_empty() {
            None
        } else {
            let words: Vec<&str> = aliases.iter().map(|(a, _)| *a).collect();
            Some(Literals::new(&words)?)
        };
        let alias_owner = aliases.iter().map(|(_, b)| *b).collect();
        let keys = brands.iter().map(BrandKeys::of).collect();
        Ok(BrandTable {
            aliases: literals,
            alias_owner,
            brands,
            domain_owner,
            keys,
            sender_id_owner,
        })
    }

    /// Brands named in normalised `text`, each once, in order of first mention, with
    /// the range of that mention. An alias made only of ASCII letters and digits must
    /// stand as a word: `jd`, not inside `jdzx`; `ups`, not inside `groups`.
    pub fn mentioned(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let Some(literals) = &self.aliases else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let alnum = |i: Option<&u8>| i.is_some_and(|b| b.is_ascii_alphanumeric());
        let mut out: Vec<(usize, Range<usize>)> = Vec::new();
        literals.for_each(text, 64, |id, range| {
            let alias = &text[range.clone()];
            if alias.bytes().all(|b| b.is_ascii_alphanumeric())
                && (alnum(range.start.checked_sub(1).and_then(|i| bytes.get(i)))
                    || alnum(bytes.get(range.end)))
            {
                return;
            }
            let b = self.alias_owner[id];
            if !out.iter().any(|(seen, _)| *seen == b) {
                out.push((b, range));
            }
        });
        out
    }

    /// The brand whose official domain `host` is (or is a subdomain of).
    pub fn official_owner(&self, host: &str) -> Option<usize> {
        let mut h = host;
        loop {
            if let Some(&b) = self.domain_owner.get(h) {
                return Some(b);
            }
            h = &h[h.find('.')? + 1..];
        }
    }

    /// The brand whose name or letter sender id the letter sender id `raw` is.
    pub fn owner_of_sender_id(&self, raw: &str) -> Option<usize> {
        self.sender_id_owner.get(&sender_id_key(raw)).copied()
    }

    /// Whether `sender_digits` is exactly one of the brand's own numbers: not a shared
    /// gateway prefix (`1069…`) that any company can rent.
    pub fn is_own_number(&self, brand: usize, sender_digits: &str) -> bool {
        self.brands[brand]
            .senders
            .iter()
            .any(|s| s == sender_digits)
    }

    /// Whether `sender` is one of the brand's official sender ids (exact or prefix).
    pub fn is_official_sender(&self, brand: usize, sender_digits: &str) -> bool {
        self.brands[brand]
            .senders
            .iter()
            .any(|s| sender_digits.starts_with(s.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> BrandTable {
        BrandTable::new(vec![Brand {
            id: "jd".into(),
            name: Explanation {
                zh: "京东".into(),
                en: "JD".into(),
            },
            aliases: vec!["京东".into(), "jd".into()],
            domains: vec!["jd.com".into()],
            senders: vec!["95118".into()],
        }])
        .expect("brand table")
    }

    #[test]
    fn official_domain_and_subdomains_only() {
        let t = table();
        assert_eq!(t.official_owner("jd.com"), Some(0));
        assert_eq!(t.official_owner("item.m.jd.com"), Some(0));
        assert_eq!(t.official_owner("fakejd.com"), None);
        assert_eq!(t.official_owner("jd.com.evil.cc"), None);
    }

    #[test]
    fn letter_sender_ids_name_their_brand() {
        let t = table();
        for id in ["JD", "jd", "#JD", "VM-JD", " J.D "] {
            assert_eq!(
                t.owner_of_sender_id(id),
                None,
                "{id:?}: aliases under 3 letters are too easy to hit"
            );
        }
        let t = BrandTable::new(vec![Brand {
            senders: vec!["95118".into(), "JDCOM".into()],
            aliases: vec!["京东".into(), "jingdong".into()],
            ..t.brands[0].clone()
        }])
        .expect("brand table");
        for id in ["JINGDONG", "#Jingdong", "AX-JINGDONG", "JDCOM", "jd.com"] {
            assert_eq!(t.owner_of_sender_id(id), Some(0), "{id:?}");
        }
        for id in ["JINGDONG2", "MYJINGDONG", "京东", "95118"] {
            assert_eq!(t.owner_of_sender_id(id), None, "{id:?}");
        }
    }
}
