#!/usr/bin/env python3
"""gendoc.py DIR — the benchmark's documents, generated deterministically.

  small.txt   about 60 lines of mixed minutes
  big.txt     20,000 lines, about 2 MB
  huge.txt    200,000 lines, about 20 MB

Lines join one or two sentences of meeting minutes in Arabic (30 %), Persian
(30 %), Hebrew (25 %) and English (15 %), with numbering and Gregorian or
Persian dates; every 6-20 lines a blank line and sometimes a "## " heading.
Every document holds, at its middle line (1-based line LONG_LINE_AT(n) =
n // 2), one right-to-left line of exactly 349 characters that starts with
"نص المداخلة الكاملة" and holds no combining marks: the benchmark types
inside it.  Nothing here reads files: the same seed gives the same bytes.
"""
import os
import random
import sys

LONG_PREFIX = "نص المداخلة الكاملة"
LONG_LEN = 349

AR = [
    "ناقش المجلس مقترح الميزانية السنوية للعام القادم",
    "قررت اللجنة تأجيل البند إلى الاجتماع القادم",
    "عرض أمين الصندوق التقرير المالي للربع الثالث",
    "وافق الحاضرون على محضر الاجتماع السابق دون تعديل",
    "طلب الرئيس من المقرر إرسال الدعوات قبل أسبوع",
    "تمت الموافقة على تشكيل فريق عمل لمتابعة المشروع",
    "اقترحت سارة يوسف تنظيم ورشة تدريبية للمتطوعين",
    "أكد كريم منصور أن المكتبة ستفتح أبوابها يوم السبت",
    "يتولى مكتب الشؤون الإدارية إعداد الجدول الزمني",
    "تقرر رفع التوصيات إلى مجلس البلدية للمصادقة عليها",
    "استعرض المدير التنفيذي نتائج الاستبيان الأخير",
    "أشار الأعضاء إلى ضرورة تحسين الإنارة في الحديقة العامة",
    "جرى التصويت على القرار فكانت النتيجة سبعة أصوات مقابل صوت واحد",
    "ستُعقد الجلسة القادمة في قاعة المركز الثقافي",
    "طالبت ليلى حداد بنشر المحضر على الموقع الإلكتروني",
    "المسؤول: أمين الصندوق، الموعد: نهاية الشهر",
]
FA = [
    "هیئت مدیره پیشنهاد بودجه سال آینده را بررسی کرد",
    "کمیته تصمیم گرفت این موضوع به جلسه بعد موکول شود",
    "خزانه‌دار گزارش مالی سه ماهه سوم را ارائه داد",
    "صورت‌جلسه قبلی بدون تغییر به تصویب رسید",
    "رئیس جلسه از دبیر خواست دعوت‌نامه‌ها را یک هفته زودتر بفرستد",
    "گروه کاری برای پیگیری طرح تشکیل شد",
    "مریم احمدی پیشنهاد برگزاری کارگاه آموزشی برای داوطلبان را داد",
    "کتابخانه از روز شنبه بازگشایی خواهد شد",
    "واحد اداری مسئول تهیه برنامه زمانی است",
    "توصیه‌ها برای تصویب به شورای شهر ارسال می‌شود",
    "نتایج نظرسنجی اخیر توسط مدیر اجرایی بررسی شد",
    "اعضا بر لزوم بهبود روشنایی پارک عمومی تأکید کردند",
    "رأی‌گیری انجام شد و پیشنهاد با هفت رأی موافق تصویب شد",
    "جلسه بعدی در سالن مرکز فرهنگی برگزار می‌شود",
    "مسئول: دبیر انجمن، مهلت: پایان ماه",
]
HE = [
    "הוועדה דנה בהצעת התקציב לשנה הבאה",
    "הוחלט לדחות את הסעיף לישיבה הבאה",
    "הגזבר הציג את הדוח הכספי של הרבעון השלישי",
    "פרוטוקול הישיבה הקודמת אושר ללא שינויים",
    "היושב ראש ביקש מהמזכיר לשלוח את ההזמנות שבוע מראש",
    "הוקם צוות עבודה למעקב אחר הפרויקט",
    "רחל כהן הציעה לארגן סדנה למתנדבים",
    "הספרייה תיפתח מחדש ביום שבת",
    "מחלקת המנהלה תכין את לוח הזמנים",
    "ההמלצות יועברו לאישור מועצת העיר",
    "חברי הוועדה הדגישו את הצורך בשיפור התאורה בגן הציבורי",
    "הַצְּבָעָה: שבעה בעד, אחד נגד",
    "הישיבה הבאה תתקיים באולם המרכז הקהילתי",
    "אחראי: הגזבר, תאריך יעד: סוף החודש",
]
EN = [
    "The board reviewed the budget proposal for next year",
    "The committee decided to postpone the item to the next meeting",
    "The treasurer presented the financial report for the third quarter",
    "The minutes of the previous meeting were approved without changes",
    "The chair asked the secretary to send the invitations a week ahead",
    "A working group was formed to follow up on the project",
    "The library will reopen on Saturday",
    "Owner: the treasurer, due: end of the month",
    "The recommendations go to the city council for approval",
    "Members stressed the need for better lighting in the public garden",
]
HEADS = ["## المناقشة / Discussion", "## بحث و بررسی", "## דיון", "## القرارات / Decisions",
         "## تصمیمات", "## החלטות", "## ما يستجد من أعمال", "## Action items / المهام"]
SEPS = [" — ", " | ", "؛ ", ". ", " / ", ": "]
POOLS = [AR, FA, HE, EN]
WEIGHTS = [0.30, 0.30, 0.25, 0.15]
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def long_line():
    """349 characters of Arabic, no combining marks, a number inside."""
    words = [LONG_PREFIX + ":"]
    i = 0
    while len(" ".join(words)) < LONG_LEN + 20:
        words.extend(AR[i % 13].split())
        if i == 3:
            words.append("2024")
        i += 1
    s = " ".join(words)[:LONG_LEN]
    if s.endswith(" "):
        s = s[:-1] + "ة"
    assert len(s) == LONG_LEN
    return s


def body(n, seed):
    rng = random.Random(seed)
    lines = ["# محضر اجتماع — صورت‌جلسه — פרוטוקול — Minutes (%d lines)" % n,
             "التاريخ: 2026-11-12", "الرئيس: ليلى حداد",
             "الحضور: ليلى حداد (الرئيسة)؛ كريم منصور (المقرر)؛ سارة يوسف", ""]
    gap = rng.randint(6, 20)
    while len(lines) < n:
        gap -= 1
        if gap <= 0:
            lines.append("")
            if rng.random() < 0.5:
                lines.append(rng.choice(HEADS))
            gap = rng.randint(6, 20)
            continue
        i = len(lines)
        pool = rng.choices(POOLS, WEIGHTS)[0]
        parts = [rng.choice(pool) for _ in range(rng.choice((1, 1, 1, 2, 2)))]
        r = rng.random()
        if r < 0.25:
            parts.insert(0, "%d." % (i % 97 + 1))
        elif r < 0.35:
            parts.append("(2024-%02d-%02d)" % (rng.randint(1, 12), rng.randint(1, 28)))
        elif r < 0.45:
            parts.append(("(140%d/%02d/%02d)" % (rng.randint(0, 3), rng.randint(1, 12),
                                                 rng.randint(1, 29))).translate(FA_DIGITS))
        lines.append(rng.choice(SEPS).join(parts))
    lines = lines[:n]
    lines[n // 2 - 2] = ""
    lines[n // 2 - 1] = long_line()
    lines[-2] = ""
    lines[-1] = "توقيع المقرر: علي حسن — توقيع الرئيسة: سعاد الكبيسي"
    return "\n".join(lines) + "\n"


DOCS = {"small": 60, "big": 20000, "huge": 200000}


def generate(out):
    """Write the documents missing from directory out."""
    os.makedirs(out, exist_ok=True)
    for name, n in DOCS.items():
        path = os.path.join(out, name + ".txt")
        if os.path.exists(path):
            continue
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            f.write(body(n, 20261127 + n))
        os.rename(path + ".tmp", path)


def main():
    generate(sys.argv[1])


if __name__ == "__main__":
    main()
