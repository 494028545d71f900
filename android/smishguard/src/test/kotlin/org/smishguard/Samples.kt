package org.smishguard

/** Messages from examples/sample-inbox.tsv with the levels the CLI gives them. */
internal object Samples {
    const val ZH_REFUND_SENDER = "17085562231"
    const val ZH_REFUND_SCAM =
        "【淘宝】亲，您在本店购买的羽绒服因质量问题已被厂家召回，我们将为您办理三倍赔偿退款，请点击 tb-tuikuan.top/r7 填写退款信息，逾期视为自动放弃。"
    const val ZH_CODE_SCAM =
        "您好，这里是京东金融客服，您开通的京东金条“百万保障”服务今日到期将自动扣费，如需关闭请添加客服QQ 3318820441 办理，否则将影响您的个人征信。"
    const val ZH_OTP_SENDER = "106980095188"
    const val ZH_LEGIT_OTP = "【淘宝】验证码 771034，您正在登录淘宝账号，5分钟内有效。请勿泄露给他人，淘宝工作人员不会向您索取。"
    const val ZH_LEGIT_CHAT = "周末回家吃饭吗？你爸买了条鱼，顺便把上次那个快递带回来"
    const val EN_PARCEL_SENDER = "+447700900456"
    const val EN_PARCEL_SCAM =
        "Royal Mail: your parcel is on hold due to an unpaid shipping fee of £1.99. Pay now to avoid return: royalmail-parcelhold.info/uk"
    const val EN_HI_MUM_SCAM =
        "Hi mum, my phone broke and this is my new number. Can you send £200 to my friend's account today? I'll explain later, can't talk now."
    const val EN_LEGIT_OTP = "Your Amazon OTP is 730112. Do not share this code with anyone. Amazon will never ask for it."
    const val EN_LEGIT_CHAT = "Are we still on for dinner at 7? I'll book the table."

    /** (sender, body, expected level) — the CLI's levels for these messages. */
    val EXPECTED: List<Triple<String?, String, Level>> = listOf(
        Triple(ZH_REFUND_SENDER, ZH_REFUND_SCAM, Level.DANGEROUS),
        Triple("16512345567", ZH_CODE_SCAM, Level.DANGEROUS),
        Triple(ZH_OTP_SENDER, ZH_LEGIT_OTP, Level.SAFE),
        Triple("13612348890", ZH_LEGIT_CHAT, Level.SAFE),
        Triple(EN_PARCEL_SENDER, EN_PARCEL_SCAM, Level.DANGEROUS),
        Triple("13800138000", EN_HI_MUM_SCAM, Level.DANGEROUS),
        Triple("AMAZON", EN_LEGIT_OTP, Level.SAFE),
        Triple(null, EN_LEGIT_CHAT, Level.SAFE),
    )

    const val VALID_PACK = """
[pack]
id = "test.custom"
version = "1"
description = "A pack for the JVM tests"

[[rule]]
id = "test.magic_word"
category = "code_request"
weight = 60
patterns = ['xyzzy-magic']
explain = { zh = "测试规则：魔法词", en = "Test rule: the magic word" }
match = ["say xyzzy-magic"]
no_match = ["say hello"]
"""

    const val MALFORMED_PACK = """
[pack]
id = "test.broken"
version = "1"
description = "A pack with a regex that does not compile"

[[rule]]
id = "test.unclosed_group"
category = "refund"
weight = 10
patterns = ['(unclosed']
explain = { zh = "坏规则", en = "Broken rule" }
match = ["(unclosed"]
no_match = ["closed"]
"""
}
