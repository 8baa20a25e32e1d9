#!/usr/bin/env python3
"""Write N minutes files (default 200) into DIR, in English, Arabic, Persian
and Hebrew, dated in the Gregorian, Solar Hijri, Hijri and Hebrew calendars
in the forms people write (ISO, month names, Hebrew letters, era marks).

    python3 tests/gen_minutes.py DIR [N] [SEED]

Also writes DIR/MANIFEST.tsv: file, ISO date of the meeting, open actions,
title — what an archive listing must show, in date order.  With $MAHDAR set
(the binary), every fifth file gets a sidecar (`mahdar export --to json`)
in which its first action is done, so open counts differ from totals.  The conversions
here are independent of mahdar's: Solar Hijri by the jalaali algorithm,
Hijri by the classic tabular formula, Hebrew dates from Debian's hebcal.
For the archive browser's tests and the command line's (search, actions).
"""
import datetime
import json
import os
import random
import subprocess
import sys

AR_LEVANT = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
             "تشرين الأول", "تشرين الثاني", "كانون الأول"]
AR_EGYPT = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
            "أكتوبر", "نوفمبر", "ديسمبر"]
AR_MAGHREB = ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر",
              "أكتوبر", "نوفمبر", "ديسمبر"]
HIJRI = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب",
         "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"]
FA_SOLAR = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
            "بهمن", "اسفند"]
FA_GREG = ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر",
           "نوامبر", "دسامبر"]
HE_GREG = ["ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר",
           "אוקטובר", "נובמבר", "דצמבר"]
EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"]
AR_DIG = "٠١٢٣٤٥٦٧٨٩"
FA_DIG = "۰۱۲۳۴۵۶۷۸۹"


def digits(n, table, width=0):
    return "".join(table[int(c)] for c in str(n).zfill(width))


def jalaali(gy, gm, gd):
    """Gregorian -> Solar Hijri (jalaali-js's d2j, via the day number)."""
    def div(a, b):
        return int(a / b)
    def g2d(y, m, d):
        r = div((y + div(m - 8, 6) + 100100) * 1461, 4) + div(153 * ((m + 9) % 12) + 2, 5) + d - 34840408
        return r - div(div(y + 100100 + div(m - 8, 6), 100) * 3, 4) + 752
    def jal_cal(jy):
        breaks = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192,
                  2262, 2324, 2394, 2456, 3178]
        gy2 = jy + 621
        leap_j, jp, jump = -14, breaks[0], 0
        for jm in breaks[1:]:
            jump = jm - jp
            if jy < jm:
                break
            leap_j += div(jump, 33) * 8 + div(jump % 33, 4)
            jp = jm
        n = jy - jp
        leap_j += div(n, 33) * 8 + div(n % 33 + 3, 4)
        if jump % 33 == 4 and jump - n == 4:
            leap_j += 1
        leap_g = div(gy2, 4) - div((div(gy2, 100) + 1) * 3, 4) - 150
        march = 20 + leap_j - leap_g
        if jump - n < 6:
            n = n - jump + div(jump + 4, 33) * 33
        leap = ((n + 1) % 33 - 1) % 4
        return (4 if leap == -1 else leap), gy2, march
    jdn = g2d(gy, gm, gd)
    jy = gy - 621
    leap, _, march = jal_cal(jy)
    k = jdn - g2d(gy, 3, march)
    if k >= 0:
        if k <= 185:
            return jy, 1 + div(k, 31), k % 31 + 1
        k -= 186
    else:
        jy -= 1
        k += 179
        if leap == 1:
            k += 1
    return jy, 7 + div(k, 30), k % 30 + 1


def hijri(gy, gm, gd):
    """Gregorian -> tabular Islamic (civil epoch), the classic formula."""
    a = (14 - gm) // 12
    y, m = gy + 4800 - a, gm + 12 * a - 3
    jd = gd + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045
    l = jd - 1948440 + 10632
    n = (l - 1) // 10631
    l = l - 10631 * n + 354
    j = ((10985 - l) // 5316) * ((50 * l) // 17719) + (l // 5670) * ((43 * l) // 15238)
    l = l - ((30 - j) // 15) * ((17719 * j) // 50) - (j // 16) * ((15238 * j) // 43) + 29
    hm = (24 * l) // 709
    return 30 * n + j - 30, hm, l - (709 * hm) // 24


def hebrew_dates(years):
    """ISO date -> the Hebrew date in Hebrew letters, from hebcal."""
    out = {}
    for y in years:
        text = subprocess.run(["hebcal", "-d", "-h", "-g", "--lang", "he", str(y)],
                              capture_output=True, text=True, check=True).stdout
        for line in text.splitlines():
            iso, rest = line.split(" ", 1)
            out[iso] = rest
    return out


LABELS = {
    "en": ("Date", "Present", "Agenda", "Recommendations", "owner", "due", "Minutes of the"),
    "ar": ("التاريخ", "الحضور", "جدول الأعمال", "التوصيات", "المسؤول", "الموعد", "محضر اجتماع"),
    "fa": ("تاریخ", "حاضران", "دستور جلسه", "تصمیمات", "مسئول", "مهلت", "صورتجلسهٔ"),
    "he": ("תאריך", "נוכחים", "סדר היום", "החלטות", "אחראי", "מועד", "פרוטוקול ישיבת"),
}
COMMITTEES = {
    "en": ["Library Friends", "Garden Club", "Tenants' Board", "Chess Society"],
    "ar": ["لجنة الحي", "جمعية القراءة", "نادي الشطرنج", "لجنة الحديقة"],
    "fa": ["انجمن اولیا", "شورای محله", "کانون کتاب", "باشگاه شطرنج"],
    "he": ["ועד הבית", "מועדון השחמט", "ועדת הגינה", "חוג הקריאה"],
}
PEOPLE = {
    "en": ["Maria Gonzalez", "Omar Khalil", "Dana Levi", "Sam O'Neill"],
    "ar": ["ليلى حداد", "كريم منصور", "سارة يوسف", "رائد فهمي"],
    "fa": ["زهرا احمدی", "علی رضوانی", "مریم کریمی", "حسین نوری"],
    "he": ["רחל כהן", "יוסי מזרחי", "דוד לוי", "מוחמד עבאס"],
}
TASKS = {
    "en": ["Order new shelves", "Write to the council", "Book the hall"],
    "ar": ["تقديم طلب التمويل", "حجز القاعة", "مراسلة البلدية"],
    "fa": ["تهیهٔ فرم ثبت‌نام", "پیگیری کمک مالی", "رزرو سالن"],
    "he": ["לקבל הצעת מחיר", "לתקן את המעלית", "לפרסם הודעה"],
}


def written(lang, day, k, heb):
    """The date of the meeting as a secretary in lang might write it."""
    y, m, d = day.year, day.month, day.day
    if lang == "en":
        return [day.isoformat(), f"{d} {EN[m - 1]} {y}", f"{EN[m - 1]} {d}, {y}"][k % 3]
    if lang == "ar":
        hy, hm, hd = hijri(y, m, d)
        return [f"{d} {AR_LEVANT[m - 1]} {y}", f"{digits(d, AR_DIG)} {AR_EGYPT[m - 1]} {digits(y, AR_DIG)} م",
                f"{d} {AR_MAGHREB[m - 1]} {y}", f"{digits(hd, AR_DIG)} {HIJRI[hm - 1]} {digits(hy, AR_DIG)} هـ",
                day.isoformat()][k % 5]
    if lang == "fa":
        jy, jm, jd = jalaali(y, m, d)
        return [f"{digits(jy, FA_DIG)}/{digits(jm, FA_DIG, 2)}/{digits(jd, FA_DIG, 2)}",
                f"{digits(jd, FA_DIG)} {FA_SOLAR[jm - 1]} {digits(jy, FA_DIG)}",
                f"{digits(d, FA_DIG)} {FA_GREG[m - 1]} {digits(y, FA_DIG)} میلادی"][k % 3]
    return [heb[day.isoformat()], f"{d} ב{HE_GREG[m - 1]} {y}", day.isoformat()][k % 3]


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 8)
    os.makedirs(out, exist_ok=True)
    start = datetime.date(2019, 1, 1)
    days = [start + datetime.timedelta(days=rnd.randrange(0, 7 * 365)) for _ in range(n)]
    heb = hebrew_dates(range(2019, 2027))
    manifest = []
    for i, day in enumerate(days):
        lang = ["en", "ar", "fa", "he"][i % 4]
        lab = LABELS[lang]
        title = f"{lab[6]} {COMMITTEES[lang][i % 4]} {i + 1}"
        people = PEOPLE[lang]
        sep = "؛ " if lang in ("ar", "fa") else "; "
        comma = "، " if lang in ("ar", "fa") else ", "
        acts = []
        for t in range(i % 3 + 1):
            due = (day + datetime.timedelta(days=14 * (t + 1))).isoformat()
            acts.append(f"- {TASKS[lang][t]} — {lab[4]}: {people[t]}{comma}{lab[5]}: {due}")
        text = (f"# {title}\n{lab[0]}: {written(lang, day, i // 4, heb)}\n{lab[1]}: {sep.join(people)}\n\n"
                f"## {lab[2]}\n1. {TASKS[lang][0]}\n\n## {lab[3]}\n" + "\n".join(acts) + "\n")
        name = f"m{i + 1:03d}-{lang}.txt"
        path = os.path.join(out, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        open_acts = len(acts)
        if os.environ.get("MAHDAR") and i % 5 == 0:
            side = path[:-4] + ".json"
            subprocess.run([os.environ["MAHDAR"], "export", path, "--to", "json", "-o", side], check=True)
            with open(side, encoding="utf-8") as f:
                d = json.load(f)
            d["recommendations"][0]["status"] = "done"
            with open(side, "w", encoding="utf-8") as f:
                json.dump(d, f, ensure_ascii=False, indent=2)
            open_acts -= 1
        manifest.append((day.isoformat(), name, open_acts, title))
    manifest.sort(key=lambda r: (r[0], r[1]))
    # file, ISO date, open actions, title
    with open(os.path.join(out, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
        for iso, name, acts, title in manifest:
            f.write(f"{name}\t{iso}\t{acts}\t{title}\n")


if __name__ == "__main__":
    main()
