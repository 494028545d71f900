//! When the wording model may change a verdict, tested with models whose answer is
//! known: one that finds every message scam-like, one that finds none so.

use smishguard_core::{Engine, EngineBuilder, Level, Message, WordingModel};

const WORDING: &str = "wording.reads_like_scam";

fn engine_with(model: &str) -> Engine {
    let model = WordingModel::parse("test.tsv", model).expect("test model parses");
    EngineBuilder::with_defaults()
        .wording_model(model)
        .build()
        .expect("default packs build")
}

/// (what, body, level with the rules alone, level when the model is sure it is a scam)
const CASES: &[(&str, &str, Level, Level)] = &[
    (
        "one signal short, long enough: lifted to suspicious",
        "I want to speak with you urgently about the plans for Saturday, please call me back tonight when you can.",
        Level::Safe,
        Level::Suspicious,
    ),
    (
        "too short to judge its wording",
        "Please call me back, it's urgent.",
        Level::Safe,
        Level::Safe,
    ),
    (
        "a one-time code is never lifted",
        "Code 883920 - use it to confirm the transfer of 500 to your savings account, expires urgently in 5 minutes",
        Level::Safe,
        Level::Safe,
    ),
    (
        "no rule signal at all: the model alone decides nothing",
        "Dinner is at seven on Saturday, bring the salad bowl back if you still have it, thanks so much",
        Level::Safe,
        Level::Safe,
    ),
    (
        "already suspicious: left as it is",
        "您好，我是京东售后的小刘，您上周买的空气炸锅被检测出质量问题，我们这边要给您做一个补偿，方便的时候加一下我的工作号详细说一下吗",
        Level::Suspicious,
        Level::Suspicious,
    ),
];

#[test]
fn the_model_only_lifts_safe_messages_with_a_signal_to_suspicious() {
    let sure = engine_with("bias\t20\n");
    let never = engine_with("bias\t-20\n");
    let rules_only = EngineBuilder::with_defaults()
        .without_wording_model()
        .build()
        .unwrap();
    for &(what, body, alone, lifted) in CASES {
        let message = Message::new(body);
        let base = rules_only.analyze(&message);
        assert_eq!(base.level, alone, "{what}: rules alone");
        assert_eq!(
            never.analyze(&message),
            base,
            "{what}: a model that is never sure"
        );

        let v = sure.analyze(&message);
        assert_eq!(v.level, lifted, "{what}: with a sure model");
        let reason = v.reasons.iter().find(|r| &*r.rule_id == WORDING);
        if lifted == alone {
            assert!(reason.is_none(), "{what}: {:?}", v.reasons);
            assert_eq!(v.score, base.score, "{what}");
        } else {
            // The lift is exactly what reaches the line, and the rules' reasons stay.
            let reason = reason.expect("a lifted verdict says why");
            assert_eq!(v.score, smishguard_core::SUSPICIOUS_SCORE, "{what}");
            assert_eq!(reason.weight as u32, v.score - base.score, "{what}");
            assert_eq!(v.reasons.len(), base.reasons.len() + 1, "{what}");
            assert!(!reason.explanation.zh.is_empty() && !reason.explanation.en.is_empty());
        }
    }
}

#[test]
fn the_embedded_model_tells_scam_wording_from_chat() {
    // Messages written for this test, not taken from any training set.
    let engine = Engine::builtin();
    let scam = "Hello, this is Emma from the Amazon returns team. We noticed a problem with the \
                item you sent back last week and want to make sure you get your money. Could you \
                give me a quick ring back when you have a minute?";
    let v = engine.analyze(&Message::new(scam));
    assert_eq!(v.level, Level::Suspicious, "{:?}", v.reasons);
    assert!(v.reasons.iter().any(|r| &*r.rule_id == WORDING));

    let model = WordingModel::parse("rules/wording.tsv", include_str!("../../rules/wording.tsv"))
        .expect("the embedded model parses");
    assert!(model.len() > 1000);
    assert!(model.probability(scam) > 0.9);
    let chat = "Running a bit late, the train is stuck outside the station. Start without me and \
                save me some of the cake!";
    assert!(model.probability(chat) < 0.5);
    assert!(model.probability("您好，我是京东客服，您的订单出现质量问题，需要为您办理退款") > 0.9);
    assert!(model.probability("妈，我今晚不回家吃饭了，和同学去图书馆") < 0.5);
}
