//! The wording model: how much a message's wording resembles scam messages.
//!
//! Rules recognise what a scam *asks for*; many scams that are one signal short of
//! the suspicious line are still written like scams. The model is a logistic
//! regression over the character n-grams (one to three characters) of the
//! normalised text, trained on the project's own labelled sets with
//! `smishguard train`. It never decides alone: the engine consults it only for a
//! message that some rule already flagged as a little suspect, that is not a
//! one-time code and that is long enough to judge (see `Engine::analyze`), and it can
//! only lift such a message to *suspicious*, never to dangerous.
//!
//! The model is data, like the rule packs: `rules/wording.tsv` lists each n-gram
//! with its weight, so a reviewer can see what it learnt (`退款链接` near the top,
//! `请勿泄露` near the bottom).

use crate::error::{Error, ErrorKind};
use crate::normalize::normalize;
use crate::patterns::KeyMap;
use std::collections::HashMap;
use std::fmt::Write as _;

/// N-grams are one to this many characters long.
const MAX_GRAM_CHARS: usize = 3;

/// A trained wording model: a weight per n-gram and a bias.
#[derive(Debug, Clone)]
pub struct WordingModel {
    bias: f32,
    /// The n-grams and their weights, as in the file (for writing it back).
    grams: Vec<(String, f32)>,
    /// The same weights, by the hash of the n-gram's bytes, for scoring.
    by_hash: KeyMap<u64, f32>,
}

/// How [`WordingModel::train`] fits a model.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// How many n-grams the model keeps, the strongest first.
    pub max_grams: usize,
    /// Passes over the examples.
    pub epochs: usize,
    /// L2 regularisation per example.
    pub l2: f32,
    /// An n-gram must occur in at least this many examples to be learnt.
    pub min_examples: usize,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            max_grams: 5000,
            epochs: 3,
            l2: 1e-6,
            min_examples: 2,
        }
    }
}

impl WordingModel {
    /// Reads a model in the format of `rules/wording.tsv`: `#` comments, a line
    /// `bias<TAB>number`, then one `n-gram<TAB>weight` per line (`\s` is a space,
    /// `\\` a backslash). `name` (usually the path) is used in errors, which give the
    /// line.
    pub fn parse(name: &str, text: &str) -> Result<WordingModel, Error> {
        let err = |line: usize, kind: ErrorKind| Error::new(name, Some(line), None, kind);
        let mut bias = None;
        let lines = text.lines().count();
        let mut grams = Vec::with_capacity(lines);
        // Line of each n-gram by its hash: for duplicates, and to build the model
        // without hashing every n-gram twice.
        let mut seen: KeyMap<u64, usize> =
            KeyMap::with_capacity_and_hasher(lines, Default::default());
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            let Some((key, value)) = raw.split_once('\t') else {
                return Err(err(
                    line,
                    ErrorKind::Syntax("expected `n-gram<TAB>weight`".into()),
                ));
            };
            let weight: f32 = value
                .trim()
                .parse()
                .ok()
                .filter(|w: &f32| w.is_finite())
                .ok_or_else(|| {
                    err(
                        line,
                        ErrorKind::Invalid(format!("weight `{value}` is not a finite number")),
                    )
                })?;
            if key == "bias" {
                if bias.replace(weight).is_some() {
                    return Err(err(line, ErrorKind::Duplicate("a second `bias`".into())));
                }
                continue;
            }
            let gram = unescape(key).map_err(|m| err(line, ErrorKind::Syntax(m)))?;
            let chars = gram.chars().count();
            if chars == 0 || chars > MAX_GRAM_CHARS {
                return Err(err(
                    line,
                    ErrorKind::Invalid(format!(
                        "n-gram `{key}` has {chars} characters; it must have 1 to {MAX_GRAM_CHARS}"
                    )),
                ));
            }
            if let Some(first) = seen.insert(gram_hash(&gram), line) {
                return Err(err(
                    line,
                    ErrorKind::Duplicate(format!("n-gram `{key}` also on line {first}")),
                ));
            }
            grams.push((gram, weight));
        }
        let bias = bias.ok_or_else(|| {
            Error::new(
                name,
                None,
                None,
                ErrorKind::Invalid("no `bias` line".into()),
            )
        })?;
        Ok(WordingModel::from_parts(bias, grams))
    }

    fn from_parts(bias: f32, grams: Vec<(String, f32)>) -> WordingModel {
        let by_hash = grams.iter().map(|(g, w)| (gram_hash(g), *w)).collect();
        WordingModel {
            bias,
            grams,
            by_hash,
        }
    }

    /// The model in the file format [`WordingModel::parse`] reads, strongest
    /// n-grams towards scam first. Weights are rounded to four decimals.
    pub fn to_tsv(&self) -> String {
        let mut out = format!("bias\t{:.4}\n", self.bias);
        let mut sorted: Vec<&(String, f32)> = self.grams.iter().collect();
        sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (gram, weight) in sorted {
            let _ = writeln!(out, "{}\t{weight:.4}", escape(gram));
        }
        out
    }

    /// Number of n-grams with a weight.
    pub fn len(&self) -> usize {
        self.grams.len()
    }

    /// Whether the model has no n-grams (it then answers its bias alone).
    pub fn is_empty(&self) -> bool {
        self.grams.is_empty()
    }

    /// The probability, from 0 to 1, that a message body is a scam by its wording
    /// alone. The engine asks this of normalised text; this entry point normalises
    /// `body` itself.
    pub fn probability(&self, body: &str) -> f32 {
        sigmoid(self.log_odds(&normalize(body, crate::MAX_ANALYSED_BYTES).text))
    }

    /// The log-odds of [`WordingModel::probability`] for text already normalised.
    pub(crate) fn log_odds(&self, text: &str) -> f32 {
        let mut sum = 0.0f32;
        let positions = for_each_gram(text, |gram| {
            sum += self.by_hash.get(&gram_hash(gram)).copied().unwrap_or(0.0);
        });
        self.bias + sum / (positions.max(1) as f32).sqrt()
    }

    /// Fits a model to labelled message bodies (`true`: scam). Deterministic: the
    /// same examples in the same order give the same model.
    ///
    /// Logistic regression by stochastic gradient descent with per-weight step
    /// sizes (AdaGrad); each example's n-gram counts are divided by the square root
    /// of its number of n-grams, so long messages do not outvote short ones. The
    /// `max_grams` heaviest n-grams are then fitted again on their own.
    pub fn train(examples: &[(&str, bool)], options: &TrainOptions) -> WordingModel {
        let texts: Vec<String> = examples
            .iter()
            .map(|(body, _)| normalize(body, crate::MAX_ANALYSED_BYTES).text)
            .collect();
        let labels: Vec<bool> = examples.iter().map(|(_, scam)| *scam).collect();

        // Vocabulary: n-grams in at least `min_examples` examples.
        let mut df: HashMap<String, usize> = HashMap::new();
        for text in &texts {
            let mut mine: Vec<String> = Vec::new();
            for_each_gram(text, |g| mine.push(g.to_owned()));
            mine.sort_unstable();
            mine.dedup();
            for g in mine {
                *df.entry(g).or_default() += 1;
            }
        }
        let mut vocab: Vec<String> = df
            .into_iter()
            .filter(|(_, n)| *n >= options.min_examples)
            .map(|(g, _)| g)
            .collect();
        vocab.sort_unstable();

        let (bias, weights) = fit(&texts, &labels, &vocab, options);
        let mut ranked: Vec<usize> = (0..vocab.len()).collect();
        ranked.sort_by(|&a, &b| weights[b].abs().total_cmp(&weights[a].abs()));
        ranked.truncate(options.max_grams);
        let mut kept: Vec<String> = ranked.into_iter().map(|i| vocab[i].clone()).collect();
        kept.sort_unstable();
        let (bias, weights) = if kept.len() < vocab.len() {
            fit(&texts, &labels, &kept, options)
        } else {
            (bias, weights)
        };
        WordingModel::from_parts(bias, kept.into_iter().zip(weights).collect())
    }
}

/// One logistic regression over `vocab` (sorted): the bias and a weight per n-gram.
fn fit(texts: &[String], labels: &[bool], vocab: &[String], o: &TrainOptions) -> (f32, Vec<f32>) {
    let index: HashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, g)| (g.as_str(), i as u32))
        .collect();
    // Each example as (feature, value) pairs.
    let rows: Vec<Vec<(u32, f32)>> = texts
        .iter()
        .map(|text| {
            let mut ids = Vec::new();
            let positions = for_each_gram(text, |g| {
                if let Some(&i) = index.get(g) {
                    ids.push(i);
                }
            });
            ids.sort_unstable();
            let scale = 1.0 / (positions.max(1) as f32).sqrt();
            let mut row: Vec<(u32, f32)> = Vec::new();
            for id in ids {
                match row.last_mut() {
                    Some((last, v)) if *last == id => *v += scale,
                    _ => row.push((id, scale)),
                }
            }
            row
        })
        .collect();
    const RATE: f32 = 0.5;
    let mut w = vec![0.0f32; vocab.len()];
    let mut g2 = vec![1e-8f32; vocab.len()];
    let (mut bias, mut bias_g2) = (0.0f32, 1e-8f32);
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..o.epochs {
        // Fisher–Yates with a fixed xorshift: deterministic, no crate needed.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &r in &order {
            let row = &rows[r];
            let z = bias + row.iter().map(|&(i, v)| w[i as usize] * v).sum::<f32>();
            let err = sigmoid(z) - if labels[r] { 1.0 } else { 0.0 };
            bias_g2 += err * err;
            bias -= RATE * err / bias_g2.sqrt();
            for &(i, v) in row {
                let i = i as usize;
                let g = err * v + o.l2 * w[i];
                g2[i] += g * g;
                w[i] -= RATE * g / g2[i].sqrt();
            }
        }
    }
    (bias, w)
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Calls `f` with every n-gram of one to [`MAX_GRAM_CHARS`] characters of `text`,
/// after digits become `0` (amounts and numbers vary, their shape does not) and
/// runs of white space one space. Returns how many n-grams there were.
fn for_each_gram(text: &str, mut f: impl FnMut(&str)) -> usize {
    let mut mapped = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            mapped.push('0');
        } else if c.is_whitespace() {
            if !mapped.ends_with(' ') {
                mapped.push(' ');
            }
        } else {
            mapped.push(c);
        }
    }
    // Start offsets of the last MAX_GRAM_CHARS characters, newest last.
    let mut starts = [0usize; MAX_GRAM_CHARS];
    let mut seen = 0usize;
    let mut count = 0;
    for (at, c) in mapped.char_indices() {
        starts.rotate_left(1);
        starts[MAX_GRAM_CHARS - 1] = at;
        seen += 1;
        let end = at + c.len_utf8();
        for n in 1..=MAX_GRAM_CHARS.min(seen) {
            f(&mapped[starts[MAX_GRAM_CHARS - n]..end]);
            count += 1;
        }
    }
    count
}

/// FNV-1a: n-grams come from messages, but a collision only merges two weights.
fn gram_hash(gram: &str) -> u64 {
    gram.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn escape(gram: &str) -> String {
    gram.replace('\\', "\\\\").replace(' ', "\\s")
}

fn unescape(key: &str) -> Result<String, String> {
    let mut out = String::with_capacity(key.len());
    let mut chars = key.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('s') => out.push(' '),
            Some('\\') => out.push('\\'),
            other => {
                return Err(format!(
                "unknown escape `\\{}` in `{key}` (use `\\s` for a space, `\\\\` for a backslash)",
                other.map(String::from).unwrap_or_default()
            ))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grams_are_one_to_three_characters_with_digits_and_spaces_folded() {
        let mut grams = Vec::new();
        let n = for_each_gram("退款 12", |g| grams.push(g.to_owned()));
        assert_eq!(
            grams,
            ["退", "款", "退款", " ", "款 ", "退款 ", "0", " 0", "款 0", "0", "00", " 00"]
        );
        assert_eq!(n, grams.len());
    }

    #[test]
    fn a_written_model_reads_back_the_same() {
        let model = WordingModel::from_parts(-0.5, vec![("a b".into(), 1.25), ("\\".into(), -2.0)]);
        let again = WordingModel::parse("m.tsv", &model.to_tsv()).unwrap();
        assert_eq!(again.bias, -0.5);
        assert_eq!(again.grams.len(), 2);
        assert_eq!(again.log_odds("a b"), model.log_odds("a b"));
    }

    #[test]
    fn malformed_models_name_the_line() {
        let cases = [
            ("bias\t0\nab\n", 2, "expected"),
            ("bias\t0\nab\tx\n", 2, "not a finite number"),
            ("bias\t0\nabcd\t1\n", 2, "1 to 3"),
            ("bias\t0\nab\t1\nab\t2\n", 3, "also on line 2"),
            ("bias\t0\na\\q\t1\n", 2, "unknown escape"),
            ("bias\t0\nbias\t1\n", 2, "second `bias`"),
        ];
        for (text, line, message) in cases {
            let e = WordingModel::parse("m.tsv", text).unwrap_err();
            assert_eq!(e.line(), Some(line), "{text:?}");
            assert!(e.to_string().contains(message), "{e}");
            assert!(e.to_string().starts_with("m.tsv:"), "{e}");
        }
        let e = WordingModel::parse("m.tsv", "# nothing\n").unwrap_err();
        assert!(e.to_string().contains("no `bias`"), "{e}");
    }

    #[test]
    fn training_learns_which_wording_is_which() {
        let scam = ["点击链接办理退款", "退款请加客服微信", "请点链接领取退款"];
        let legit = ["今晚一起吃饭吗", "明天下午开会", "我到家了"];
        let examples: Vec<(&str, bool)> = scam
            .iter()
            .map(|s| (*s, true))
            .chain(legit.iter().map(|s| (*s, false)))
            .collect();
        let model = WordingModel::train(
            &examples,
            &TrainOptions {
                min_examples: 1,
                epochs: 30,
                ..TrainOptions::default()
            },
        );
        assert!(model.probability("退款链接") > 0.5);
        assert!(model.probability("一起吃饭") < 0.5);
    }
}
