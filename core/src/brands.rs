//! Brands the packs know: their names, official domains and official sender ids.

use crate::links::BrandKeys;
use crate::verdict::Explanation;
use std::collections::HashMap;

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
#[derive(Debug, Clone, Default)]
pub(crate) struct BrandTable {
    pub brands: Vec<Brand>,
    /// Official registrable domain → brand (the first brand that lists it).
    domain_owner: HashMap<String, usize>,
    /// Per brand, what host names are compared against (see [`BrandKeys`]).
    pub keys: Vec<BrandKeys>,
}

impl BrandTable {
    /// Indexes `brands` for link and sender checks.
    pub fn new(brands: Vec<Brand>) -> BrandTable {
        let mut domain_owner = HashMap::new();
        for (i, b) in brands.iter().enumerate() {
            for d in &b.domains {
                domain_owner.entry(d.clone()).or_insert(i);
            }
        }
        let keys = brands.iter().map(BrandKeys::of).collect();
        BrandTable {
            brands,
            domain_owner,
            keys,
        }
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

    /// Whether `sender` is one of the brand's official sender ids (exact or prefix).
    pub fn is_official_sender(&self, brand: usize, sender_digits: &str) -> bool {
        self.brands[brand]
            .senders
            .iter()
            .any(|s| sender_digits.starts_with(s.as_str()))
    }
    /// Brands named in `text` (test helper for modules that take mentioned brands;
    /// the engine itself matches all aliases in one regex pass).
    #[cfg(test)]
    pub fn mentioned(&self, text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
        self.brands
            .iter()
            .enumerate()
            .filter_map(|(i, b)| {
                b.aliases
                    .iter()
                    .find_map(|a| text.find(a.as_str()).map(|at| (i, at..at + a.len())))
            })
            .collect()
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
    }

    #[test]
    fn official_domain_and_subdomains_only() {
        let t = table();
        assert_eq!(t.official_owner("jd.com"), Some(0));
        assert_eq!(t.official_owner("item.m.jd.com"), Some(0));
        assert_eq!(t.official_owner("fakejd.com"), None);
        assert_eq!(t.official_owner("jd.com.evil.cc"), None);
    }
}
