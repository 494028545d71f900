package org.smishguard;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A plain Java program against the library's public API, run by {@code JniCheckTest} in a child
 * JVM with {@code -Xcheck:jni}: the inputs that break JNI bridges (emoji, lone surrogates, empty
 * and huge bodies, many threads, bad rule packs, a native panic), called the way a Java app would.
 * Prints {@code HARNESS OK <checks>} and exits 0, or prints what failed and exits 1.
 */
public final class JniHarness {
  private static int checks = 0;

  private static void check(boolean ok, String what) {
    checks++;
    if (!ok) {
      System.out.println("HARNESS FAILED: " + what);
      System.exit(1);
    }
  }

  public static void main(String[] args) throws Exception {
    String scam = "【淘宝】亲，您在本店购买的羽绒服因质量问题已被厂家召回，我们将为您办理三倍赔偿退款，请点击 tb-tuikuan.top/r7 填写退款信息，逾期视为自动放弃。";
    Verdict v = SmishGuard.analyze("17085562231", scam, System.currentTimeMillis());
    check(v.getLevel() == Level.DANGEROUS, "zh refund scam is dangerous");
    check(!v.getReasons().isEmpty(), "reasons present");
    for (Reason r : v.getReasons()) {
      check(!r.getExplanationEn().isEmpty() && !r.getExplanationZh().isEmpty(), "explanations for " + r.getRuleId());
    }
    Verdict otp = SmishGuard.analyze("AMAZON", "Your Amazon OTP is 730112. Do not share this code with anyone.", 0L);
    check(otp.getLevel() == Level.SAFE, "legit OTP is safe");
    check(otp.getOtp() != null && "730112".equals(otp.getOtp().getCode()), "OTP code");

    check(SmishGuard.analyze(null, "", 0L).getLevel() == Level.SAFE, "empty body");
    check(SmishGuard.analyze(null, "😀🎉🚀 ok 👍🏽", 0L).getLevel() == Level.SAFE, "emoji");
    Verdict lone = SmishGuard.analyze("\uDC00", "\uD800" + scam + "\uDBFF", 0L);
    check(lone.getLevel() == Level.DANGEROUS, "lone surrogates");
    StringBuilder big = new StringBuilder(scam);
    while (big.length() < (1 << 20)) {
      big.append("退款链接 tb-refund.cc 😀 ");
    }
    Verdict huge = SmishGuard.analyze("17085562231", big.toString(), 0L);
    check(huge.getLevel() == Level.DANGEROUS && huge.getTruncated(), "1 MB body");

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Boolean>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      futures.add(pool.submit((Callable<Boolean>) () -> {
        for (int i = 0; i < 1000; i++) {
          if (!SmishGuard.analyze("17085562231", scam, 0L).equals(v)) {
            return false;
          }
        }
        return true;
      }));
    }
    for (Future<Boolean> f : futures) {
      check(f.get(120, TimeUnit.SECONDS), "threads agree");
    }
    pool.shutdown();

    try {
      SmishGuard.loadRules("[pack]\nid = \"x\"\n[[rule]]\nid = \"bad.rule\"\npatterns = ['(']\n", "bad.toml");
      check(false, "malformed pack must throw");
    } catch (IllegalArgumentException expected) {
      check(expected.getMessage() != null && expected.getMessage().contains("bad.toml"), "error names the pack: " + expected.getMessage());
    }
    check(SmishGuard.analyze("17085562231", scam, 0L).equals(v), "old rules in force");
    try {
      SmishGuard.loadRules("not = [toml"); // the one-argument overload Java callers see
      check(false, "garbage must throw");
    } catch (IllegalArgumentException expected) {
      check(expected.getMessage() != null, "message for garbage");
    }
    SmishGuard.resetRules();
    SmishGuard.precompile();
    check(SmishGuard.analyze("17085562231", scam, 0L).equals(v), "same verdict once precompiled");
    SmishGuard.trimMemory();
    check(SmishGuard.analyze("17085562231", scam, 0L).equals(v), "same verdict once trimmed");

    try {
      Native.panicForTesting(1);
      check(false, "panic must throw");
    } catch (IllegalStateException expected) {
      check(expected.getMessage().contains("deliberate test panic"), "panic message");
    }
    check(SmishGuard.analyze("17085562231", scam, 0L).equals(v), "alive after a panic");

    System.out.println("HARNESS OK " + checks);
  }
}
