//! A mix of typical SMS for benchmarks, shared by `smishguard bench` and the
//! core's criterion bench (`core/benches/analyze.rs` includes this file), so
//! both measure the same thing. Written for this project: zh and en, scams,
//! one-time codes, notices, marketing and chat, in the proportions of an
//! ordinary inbox (mostly legitimate).

use smishguard_core::Message;

/// `(sender, body)` pairs.
pub const TYPICAL: &[(Option<&str>, &str)] = &[
    (Some("95588"), "【工商银行】您尾号6621的卡于11月29日14:02消费人民币358.00元，余额12,045.17元。"),
    (Some("106980095188"), "【淘宝】验证码 483920，您正在登录淘宝账号，5分钟内有效，请勿泄露给他人。"),
    (Some("17088213345"), "【淘宝】亲，您购买的商品因质量问题需召回，我们将为您办理三倍赔偿退款，请点击 tb-refund.top/a8 填写退款信息。"),
    (Some("13812345678"), "晚上一起吃饭吗？我七点下班，老地方见"),
    (Some("95555"), "【招商银行】您的转账验证码为551203，转账金额2,000.00元，收款人尾号8812。如非本人操作请勿将验证码告知任何人。"),
    (Some("16512349876"), "您好，我是京东客服，您开通的京东金条百万保障服务即将扣费，如需取消请添加客服QQ 2718832991 办理，否则将影响您的征信。"),
    (Some("10690000"), "【顺丰速运】您的快件已到丰巢柜，取件码 28173，请及时取件。"),
    (None, "Your Amazon verification code is 730112. Don't share this code with anyone; our employees will never ask for it."),
    (Some("+447700900123"), "Royal Mail: your parcel could not be delivered due to unpaid postage of £1.45. Reschedule at royalmail-redelivery.info/uk"),
    (Some("13987654321"), "妈，我手机掉水里了，这是我新号码，先别打电话，加我微信 vx: mm8812 说"),
    (Some("1069012345"), "【拼多多】您的退款已原路退回至支付账户，金额29.90元，预计1-3个工作日到账。"),
    (None, "Hey, are we still on for the movie tonight? I can pick you up at 7."),
    (Some("95188"), "【支付宝】您正在绑定新设备，校验码 662019，如非本人操作，请忽略本短信，切勿告诉他人。"),
    (Some("17188776655"), "【抖音客服】您的学生账户未注销，将每月扣费800元并影响征信，请下载 ZOOM 会议，会议号 8827331 共享屏幕处理。"),
    (None, "USPS: Your package is on hold. Confirm your address here: http://usps.com-track-id.xyz/verify within 12 hours."),
    (Some("10086"), "【中国移动】尊敬的客户，您本月套餐余量：通用流量3.2GB，通话120分钟。回复TD退订。"),
    (Some("13600001111"), "退款的事你问了吗？客服说要三天，你那边验证码收到了没，收到了自己填一下就行"),
    (None, "Chase Alert: unusual sign-in detected. Reply with the 6-digit code we just sent you to keep your account active."),
    (Some("106575"), "【京东】您的订单已签收，如有问题请联系京东官方客服或访问 jd.com，感谢您的支持。"),
    (Some("+8613512345678"), "您好，我是快递理赔专员，您的包裹丢失，我们将赔偿您298元，请把收到的验证码发给我以便打款。"),
    (Some("95566"), "【中国银行】您的动态密码为209331，用于网上银行登录，有效期5分钟。谨防诈骗，请勿泄露。"),
    (None, "Netflix: your payment failed. Update your card details within 24h to avoid suspension: netflix-billing.support/login"),
    (Some("12110"), "【反诈中心】提醒：凡是自称客服要求您提供验证码、办理退款、共享屏幕的，都是诈骗！请勿泄露验证码。"),
    (Some("15800002222"), "明天的会改到下午三点，记得带上周的报表"),
    (None, "G-412157 is your Google verification code."),
    (Some("106901234"), "【美团】双十二红包已到账，满30减15，戳 dpurl.cn/x9Kz 立即使用，回T退订"),
    (Some("17099990000"), "【中国平安】尊敬的客户，您的保单理赔款3,600元待领取，请联系专员并提供银行卡号、密码及验证码办理。"),
    (None, "Hi mum, I've lost my phone. Can you send £200 to this account? I'll pay you back tomorrow, don't call I can't talk."),
    (Some("95533"), "【建设银行】您账户1234于11月30日收入(工资)人民币8,500.00元，活期余额9,102.33元。"),
    (None, "Your Uber code: 4471. Never share this code."),
    (Some("16299998888"), "【闲鱼】您的账户存在违规交易已被冻结，请立即访问 xianyu-kefu.cc 并下载安全验证APP解冻，逾期将永久封号。"),
    (None, "Thanks for your order! Your refund of $24.99 has been issued to your original payment method and should appear in 5-10 days."),
];

/// [`TYPICAL`] as messages ready for [`smishguard_core::Engine::analyze`].
pub fn typical_messages() -> Vec<Message<'static>> {
    TYPICAL
        .iter()
        .map(|(sender, body)| match sender {
            Some(s) => Message::new(body).with_sender(s),
            None => Message::new(body),
        })
        .collect()
}

/// A 64 KiB body built to be slow: code words, URL-like fragments, dots,
/// separators and digits in every few bytes, so every detector has work.
pub fn adversarial_body() -> String {
    const TARGET: usize = 64 * 1024;
    const PIECES: &[&str] = &[
        "验证码",
        "hxxp://",
        "jd.com@",
        "退-款",
        ".",
        "[.]",
        "点com",
        "1069",
        "a.b.c.d.",
        "www.",
        "淘宝.",
        "ｔａｏｂａｏ",
        "\u{200b}",
        "客服",
        "483920",
        "/apk?",
        "%2F",
        "·",
        "http://1.2.3.4/",
    ];
    let mut body = String::with_capacity(TARGET + 32);
    let mut i = 0usize;
    while body.len() < TARGET {
        body.push_str(PIECES[i % PIECES.len()]);
        // A stride coprime with the piece count so neighbours vary.
        i += 7;
    }
    // Cut back to exactly 64 KiB, on a character boundary.
    let mut end = TARGET.min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    body.truncate(end);
    body
}
