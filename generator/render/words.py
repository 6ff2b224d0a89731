"""Words of the site in Hindi and English: labels of codes and the sentences pages use."""

from __future__ import annotations

import functools

from ..compute.replies import REPLY_WINDOW_DAYS
from ..places import STATE_NAMES
from ..schema import AccountState, Status

LANGS = ("hi", "en")

STATUS = {
    Status.ACTIVE: ("सक्रिय", "Active"),
    Status.SLOW: ("धीमा", "Slow"),
    Status.DORMANT: ("सुप्त", "Dormant"),
    Status.ABANDONED: ("परित्यक्त", "Abandoned"),
    Status.NO_ACCOUNT: ("कोई खाता नहीं", "No account"),
    Status.SUSPENDED: ("निलंबित", "Suspended"),
    Status.NOT_FOUND: ("नहीं मिला", "Not found"),
    Status.UNKNOWN: ("अज्ञात", "Unknown"),
}

CATEGORY = {
    "police": ("पुलिस", "Police"),
    "administration": ("प्रशासन", "Administration"),
    "railways": ("रेलवे", "Railways"),
    "urban-local-body": ("नगर निकाय", "Urban local body"),
    "electricity": ("बिजली", "Electricity"),
    "smart-city": ("स्मार्ट सिटी", "Smart city"),
    "chief-minister": ("मुख्यमंत्री", "Chief Minister"),
    "health": ("स्वास्थ्य", "Health"),
    "education": ("शिक्षा", "Education"),
    "transport": ("परिवहन", "Transport"),
    "union-ministry": ("केंद्रीय मंत्रालय", "Union ministry"),
    "union-office": ("केंद्रीय कार्यालय", "Union office"),
    "governor": ("राज्यपाल", "Governor"),
    "state-government": ("राज्य सरकार", "State government"),
    "state-department": ("राज्य विभाग", "State department"),
    "chief-secretary": ("मुख्य सचिव", "Chief Secretary"),
    "press-office": ("पत्र सूचना कार्यालय", "Press office"),
}

# Names of states, union territories and the union, Hindi first.
STATE = {code: (hi, en) for code, (en, hi) in STATE_NAMES.items()}

# Shapes, not colours, tell the statuses apart; the word is always beside the shape.
STATUS_ICON = {Status.ACTIVE: "●", Status.SLOW: "◐", Status.DORMANT: "○", Status.ABANDONED: "✕",
               Status.NO_ACCOUNT: "⊘", Status.SUSPENDED: "⊗", Status.NOT_FOUND: "?", Status.UNKNOWN: "–"}

ACCOUNT_STATE = {
    AccountState.OK: ("ठीक", "ok"),
    AccountState.SUSPENDED: ("निलंबित", "suspended"),
    AccountState.NOT_FOUND: ("नहीं मिला", "not found"),
    AccountState.PROTECTED: ("सुरक्षित (निजी)", "protected"),
    AccountState.ERROR: ("जाँच विफल", "check failed"),
}

FIGURE = {
    "followers": ("फ़ॉलोअर", "followers"), "following": ("फ़ॉलो किए खाते", "accounts followed"),
    "posts": ("पोस्ट", "posts"), "last_post_at": ("आख़िरी पोस्ट", "last post"), "status": ("स्थिति", "status"),
    "handle": ("हैंडल", "handle"), "official": ("आधिकारिक", "official"), "received": ("प्राप्त शिकायतें", "received"),
    "resolved": ("हल हुईं", "resolved"), "rejected": ("अस्वीकृत", "rejected"), "pending": ("लंबित", "pending"),
    "grade": ("ग्रेड", "grade"),
}

# The data dictionary in Hindi: what each published column holds (the English is in schema.py).
COLUMNS_HI = {
    "department_id": "विभाग की स्थायी पहचान (स्लग)",
    "department_name_en": "विभाग का नाम अंग्रेज़ी में",
    "department_name_hi": "विभाग का नाम हिंदी में",
    "state": "राज्य का ISO 3166-2 कोड (केंद्र के लिए IN)",
    "district": "ज़िला; राज्य-स्तर के विभागों के लिए ख़ाली",
    "category": "विभाग का प्रकार",
    "platform": "प्लैटफ़ॉर्म",
    "handle": "हैंडल, @ के बिना; खाता न हो या पुष्ट न हो तो ख़ाली",
    "account_id": "प्लैटफ़ॉर्म की स्थायी खाता-पहचान",
    "official": "`yes` (आधिकारिक) या `unverified` (अपुष्ट); खाता न हो तो ख़ाली",
    "status": "स्थिति: `active`, `slow`, `dormant`, `abandoned`, `no_account`, `suspended`, `not_found` या `unknown`",
    "days_since_post": "आख़िरी पोस्ट से अवलोकन तक के दिन",
    "followers": "सबसे नई ज्ञात फ़ॉलोअर संख्या",
    "followers_on": "उस फ़ॉलोअर संख्या की तारीख़ (जहाँ स्रोत दिन नहीं बताता, वहाँ महीने या साल की जगह एक दिन: "
                    "sources.csv का date_precision)",
    "last_post_at": "आख़िरी पोस्ट की तारीख़ या UTC समय",
    "observed_on": "आख़िरी सफल अवलोकन की तारीख़ (followers_on की तरह, जगह लेने वाला दिन हो सकता है)",
    "stale": ("`true`, जब अवलोकन आँकड़ों की तारीख़ (डेटा का सबसे नया अवलोकन, build.json का as_of; फ़ाइल पढ़ने का "
              "दिन नहीं) पर पुरानेपन की सीमा से पुराना हो, उस महीने या साल के आख़िरी दिन से गिनकर जिसकी जगह "
              "observed_on लेता है (observed_on_precision); कभी न देखे गए खाते पर ख़ाली"),
    "refresh_overdue": ("`true`, जब X के किसी खाते का अवलोकन बजट से निभी न्यूनतम ताज़गी-अवधि (डेटा संग्रह की स्थिति "
                        "वाला पन्ना देखें) से पुराना हो पर अभी पुरानेपन की सीमा से नहीं; कभी न देखे गए खाते पर ख़ाली"),
    "last_error_on": "पिछले सही अवलोकन के बाद विफल जाँच की तारीख़",
    "rank_in_state": ("राज्य में फ़ॉलोअर के क्रम में स्थान, केवल हाल के आँकड़ों में; क्रम न हो तो ख़ाली (पुराना आँकड़ा, "
                      "निलंबित या न मिलने वाला खाता, बाद की 'कोई खाता नहीं' रिपोर्ट वाला खाता, या अकेला)"),
    "rank_in_category": "पूरे भारत में (हर राज्य के) श्रेणी के खातों में फ़ॉलोअर के क्रम में स्थान, उन्हीं शर्तों पर",
    "change_7d": "7-14 दिन पुराने अवलोकन की तुलना में फ़ॉलोअर का बदलाव; निलंबित या न मिले खाते के लिए ख़ाली",
    "change_30d": "30-60 दिन पुराने (उनमें सबसे नए) अवलोकन की तुलना में फ़ॉलोअर का बदलाव; निलंबित या न मिले खाते "
                  "के लिए ख़ाली",
    "change_365d": "365-730 दिन पुराने अवलोकन की तुलना में फ़ॉलोअर का बदलाव; निलंबित या न मिले खाते के लिए ख़ाली",
    "grade": ("विभाग का समग्र ग्रेड A-F; उसके खातों की कोई स्थिति न गिनी जाए, तो ख़ाली: स्थिति अज्ञात हो, जानकारी "
              "('कोई खाता नहीं' की रिपोर्ट, या देखी गई स्थिति) आँकड़ों की तारीख़ पर [status] absence_recheck_days से "
              "पुरानी हो, या उस स्थिति के बाद की 'कोई खाता नहीं' रिपोर्ट उसे काटे (absent_on, observed_on के बाद)"),
    "score": "ग्रेड के पीछे का 0-100 अंक, 0.1 तक पूर्णांकित (बिना पूर्णांकन वाले आधारों से निकला; ग्रेड इसी पूर्णांकित, "
             "दिखाए गए अंक से तय होता है)",
    "source_url": "आँकड़े का स्रोत",
    "of_in_state": "राज्य के क्रम में कितने खाते",
    "of_in_category": "श्रेणी के क्रम में कितने खाते",
    "growth_30d": ("गिनती की तारीख़ (followers_on) तक के 30 दिनों में फ़ॉलोअर का बदलाव: अधिकतम 30 दिन पुरानी "
                   "गिनतियों से, उछाल छोड़कर; ऐसी गिनती न हो तो, और निलंबित या न मिले खाते के लिए ख़ाली। केवल महीने या "
                   "साल तक दिनांकित (followers_on_precision), या सीमा के रूप में बताई गई (followers_bound), रिपोर्ट की "
                   "गिनती किसी change_* या बढ़त में नहीं आती"),
    "jumps_30d": ("उन्हीं 30 दिनों के उछाल (बढ़त से बाहर); जहाँ growth_30d ख़ाली है वहाँ ख़ाली (उन दिनों में तुलना के "
                  "लिए दो गिनतियाँ नहीं)"),
    "state_name_en": "राज्य (कॉलम state) का नाम अंग्रेज़ी में",
    "state_name_hi": "राज्य (कॉलम state) का नाम हिंदी में",
    "absent_on": ("इस मंच पर विभाग का कोई खाता न होने की सबसे नई जाँच की तारीख़ (`no_account` स्थिति इसी पर टिकी "
                  "है; followers_on की तरह, जगह लेने वाला दिन हो सकता है); ऐसी जाँच न हो तो ख़ाली। सूची में दर्ज खाते की "
                  "पंक्ति पर observed_on के बाद की तारीख़ हमारे आख़िरी अवलोकन से नई रिपोर्ट है: स्थिति अंतिम ज्ञात के रूप में "
                  "दिखती है और किसी ग्रेड में नहीं गिनी जाती (observed_on से पहले की हो, तो वह इतिहास है)"),
    "absent_source_url": "उस जाँच का स्रोत: कड़ी, या sources.csv का source:<id>",
    "reply_minutes": ("नागरिकों को जवाब देने में विभाग के मध्य मिनट, जैसे ग्रेड उसे गिनता है: आख़िरी मापे गए दिन तक के "
                      "30 दिनों में मापे गए दिनों के दैनिक मध्य समयों का मध्य (कई मंचों पर मापा गया दिन एक बार, उनके "
                      "मध्य समयों के औसत पर, हर एक को उसके जवाबों जितना भार), जहाँ उनमें उतने उल्लेख हों जितने ग्रेड "
                      "गिनता है (reply_basis `measured`), नहीं तो उसके सबसे नए शिकायत-स्रोत के अनुसार (`reported`); 0.1 "
                      "तक पूर्णांकित (पन्ने इसे पूरे मिनट तक ऊपर की ओर पूर्णांकित दिखाते हैं: 52.3 को 53 मिनट); दोनों न "
                      "हों तो ख़ाली। विभाग की हर पंक्ति में: यह किस प्लैटफ़ॉर्म का है, reply_platform बताता है"),
    "reply_platform": ("वह प्लैटफ़ॉर्म जिस पर विभाग का जवाब-समय (reply_minutes, उसकी हर पंक्ति में वही) मापा गया, "
                       "या वह माध्यम जिसके लिए उसके शिकायत-स्रोत ने उसे बताया (`x`, `facebook`, `cm-window`, ...): वह केवल "
                       "इसी प्लैटफ़ॉर्म की पंक्ति पर उस खाते का जवाब-समय है, जहाँ सूचियाँ और बैज उसे दिखाते हैं; जवाब-आँकड़ा "
                       "न हो, या कई प्लैटफ़ॉर्म पर मापा गया हो, तो ख़ाली (तब वह किसी एक खाते का नहीं: सूचियाँ और बैज हर खाते "
                       "का अपना दिखाते हैं, केवल उसी के प्लैटफ़ॉर्म पर मापा गया, replies.csv से)"),
    "reply_basis": ("`measured`, `reported` या `unanswered` (कम से कम उतने उल्लेख मापे गए जितने ग्रेड गिनता है, और किसी का "
                    "जवाब नहीं: तब reply_minutes ख़ाली); कोई जवाब-आँकड़ा न हो तो ख़ाली"),
    "followers_on_precision": ("`day`; या `month` या `year`, जहाँ followers_on किसी ऐसे स्रोत के महीने या साल की जगह "
                               "लेने वाला दिन है जो दिन नहीं बताता (sources.csv का date_precision): `year` के साथ "
                               "2017-07-01 का अर्थ '2017' है; तारीख़ न हो तो ख़ाली"),
    "observed_on_precision": "observed_on के लिए यही",
    "followers_bound": ("हाथ से दर्ज फ़ॉलोअर-संख्या का स्रोत उसे सटीक न बताए तो कैसे बताता है: `more_than` ('7 लाख से "
                        "अधिक'), `at_most` या `about`; सटीक हो या देखी गई हो तो ख़ाली"),
    "reply_bound": ("रिपोर्ट किया गया जवाब-समय सटीक न हो तो स्रोत उसे कैसे बताता है: `at_most` ('एक घंटे के भीतर'), "
                    "`more_than` या `about` (complaints.csv का bound); सटीक या मापा गया हो तो ख़ाली"),
    "bound": ("स्रोत पंक्ति के आँकड़े कैसे बताता है, जहाँ वे सटीक नहीं: `more_than` ('1,000 से ऊपर'), "
              "`at_most` ('एक घंटे के भीतर') या `about` ('लगभग 1,000'); सटीक हों तो ख़ाली। ऐसी गिनतियों से कोई दर नहीं "
              "निकाली जाती"),
    "reply_on": "मापा गया आख़िरी दिन, या रिपोर्ट की अवधि का आख़िरी दिन",
    "account_reply_minutes": ("इस खाते के नागरिकों को जवाब देने के मध्य मिनट, जैसे सूचियों में उसकी पंक्ति, उसका कार्ड और "
                              "उसका बैज उन्हें दिखाते हैं: जहाँ reply_platform इस पंक्ति का प्लैटफ़ॉर्म है, वहाँ विभाग का "
                              "reply_minutes; जहाँ विभाग का आँकड़ा कई प्लैटफ़ॉर्म पर मापा गया, वहाँ खाते का अपना, केवल इसी "
                              "प्लैटफ़ॉर्म पर मापा गया (replies.csv, वही 30 दिन, इस खाते के उतने उल्लेख जितने ग्रेड गिनता "
                              "है); नहीं तो ख़ाली (इस खाते का आँकड़ा नहीं, या account_reply_basis `unanswered`)। 0.1 तक "
                              "पूर्णांकित; पन्ने इसे पूरे मिनट तक ऊपर की ओर पूर्णांकित दिखाते हैं"),
    "account_reply_basis": ("account_reply_minutes के लिए `measured`, `reported` या `unanswered`, reply_basis की तरह; "
                            "इस खाते का आँकड़ा न हो तो ख़ाली"),
    "account_reply_on": ("account_reply_minutes किस दिन का है: मापा गया आख़िरी दिन (उन 30 दिनों का जिन्हें वह गिनता है), "
                         "या रिपोर्ट की अवधि का आख़िरी दिन (सूचियाँ इसे 'तक मापा गया' या 'तक की अवधि' कहती हैं)"),
    "account_reply_source_url": ("रिपोर्ट किए गए account_reply_minutes का स्रोत: कड़ी, या sources.csv का source:<id>; "
                                 "मापा गया हो तो ख़ाली (गिनतियाँ replies.csv में हैं)"),
    "account_reply_bound": ("रिपोर्ट किया गया account_reply_minutes सटीक न हो तो स्रोत उसे कैसे बताता है: `at_most` ('एक "
                            "घंटे के भीतर'), `more_than` या `about`; सटीक या मापा गया हो तो ख़ाली"),
    "account_reply_from": ("account_reply_minutes जिस अवधि का है, उसका पहला दिन (account_reply_on तक): मापा गया पहला "
                           "दिन (उन 30 दिनों का जिन्हें वह गिनता है; एक ही दिन मापा गया हो तो account_reply_on वाला "
                           "दिन), या रिपोर्ट की अवधि का पहला दिन; इस खाते का आँकड़ा न हो तो ख़ाली"),
    "reply_source_url": "रिपोर्ट किए गए जवाब-समय का स्रोत: कड़ी, या sources.csv का source:<id>",
    "account_reply_on_precision": ("`day`; या `month` या `year`, जहाँ account_reply_on किसी ऐसे स्रोत के महीने या साल की "
                                   "जगह लेने वाला दिन है जो दिन नहीं बताता (sources.csv का date_precision), "
                                   "followers_on_precision की तरह; मापा गया हो तो `day`; तारीख़ न हो तो ख़ाली"),
    "reply_from": ("reply_minutes जिस अवधि का है, उसका पहला दिन (reply_on तक): मापा गया पहला दिन (उन 30 दिनों का "
                   "जिन्हें वह गिनता है), या रिपोर्ट की अवधि का पहला दिन; कोई जवाब-आँकड़ा न हो तो ख़ाली"),
    "account_reply_from_precision": ("account_reply_from के लिए account_reply_on_precision जैसा (रिपोर्ट की अवधि "
                                     "का पहला दिन भी स्रोत के महीने या साल की जगह ले सकता है); मापा गया हो तो `day`"),
    "reply_on_precision": ("reply_on के लिए यही: मापा गया हो तो `day`; रिपोर्ट की अवधि के आख़िरी दिन का `day`, "
                           "`month` या `year`; तारीख़ न हो तो ख़ाली"),
    "reply_from_precision": "reply_from के लिए यही",
    "followers_source_url": ("फ़ॉलोअर-संख्या (followers_on वाली, जो observed_on से पुरानी हो सकती है; observed_on का स्रोत "
                             "source_url बताता है) का स्रोत: कड़ी, या sources.csv का source:<id>, जहाँ संख्या किसी "
                             "रिपोर्ट से हाथ से दर्ज की गई; जहाँ रात की जाँच ने गिनी (खाते के अपने पेज पर, जैसा उस जाँच "
                             "के दिन source_url बताता है) या संख्या न हो, वहाँ ख़ाली"),
    "date_precision": "स्रोत अपनी और अपने आँकड़ों की तारीख़ कितनी ठीक बताता है: `day` (या ख़ाली), `month` (उस महीने "
                      "के आसपास दिखाया जाता है) या `year` (साल दिखाया जाता है); published_on की तारीख़ वाले आँकड़े भी ऐसे ही "
                      "दिखते हैं",
    "channel": "माध्यम, जैसे `x`, `facebook`, `cm-window`",
    "period_start": "अवधि का पहला दिन (जहाँ स्रोत दिन नहीं बताता, वहाँ जगह लेने वाला दिन: source_url के स्रोत का "
                    "sources.csv में date_precision)",
    "period_end": "अवधि का आख़िरी दिन (period_start की तरह, जगह लेने वाला दिन हो सकता है)",
    "received": "प्राप्त शिकायतें",
    "resolved": "हल हुई शिकायतें",
    "rejected": "उचित न पाई गई शिकायतें",
    "pending": "अवधि के अंत में लंबित शिकायतें",
    "duplicates": "दोहराई गई शिकायतें (हर शिकायत एक ही हिस्से में: हल + अस्वीकृत + लंबित + दोहराव = प्राप्त)",
    "median_response_minutes": "पहले जवाब तक का मध्य समय (मिनट)",
    "median_resolution_hours": "समाधान तक का मध्य समय (घंटे)",
    "reported_resolution_rate": "स्रोत द्वारा बताई समाधान दर (%)",
    "source": "`manual` (हाथ से दर्ज), या वह ingest जिससे पंक्ति बनी",
    "resolved_rate": "हल ÷ प्राप्त × 100, 0.1 तक पूर्णांकित; कोई भी गिनती ख़ाली हो (बताई नहीं गई, या छोटी "
                     "गिनती होने से छिपाई गई) या कुछ प्राप्त न हुआ हो तो ख़ाली",
    "rejected_rate": "अस्वीकृत ÷ प्राप्त × 100, 0.1 तक पूर्णांकित; resolved_rate की तरह ख़ाली",
    "pending_rate": "लंबित ÷ प्राप्त × 100, 0.1 तक पूर्णांकित; resolved_rate की तरह ख़ाली",
    "rate_mismatch": ("स्रोत की बताई दर गिनती से निकली दर से, और हल ÷ (प्राप्त − लंबित) × 100 से भी, "
                      "[complaints] rate_tolerance_points (मान कार्यप्रणाली पन्ने पर) से ज़्यादा अलग है; तुलना को कुछ "
                      "न हो तो भी `false`"),
    "reported_of_disposed": "स्रोत की बताई दर हल ÷ (प्राप्त − लंबित) × 100 है, यानी उन शिकायतों पर जिनका "
                            "निपटारा हो चुका, न कि resolved_rate; तुलना को कुछ न हो तो भी `false`",
    "counts_exceed_received": "हल + अस्वीकृत + लंबित > प्राप्त; कोई गिनती न हो तो भी `false`",
    "period_days": "अवधि के दिन",
    "withdrawn_on": "जिस दिन अवधि के आँकड़े वापस लिए गए (तब वे ख़ाली हैं); वरना ख़ाली",
    "id": "स्लग, जिसे दूसरी फ़ाइलों में source:<id> लिखा जाता है",
    "title": "लेख या दस्तावेज़ का शीर्षक",
    "publication": "किसने प्रकाशित किया",
    "published_on": "प्रकाशन की तारीख़; जहाँ स्रोत दिन नहीं बताता, वहाँ उसकी जगह एक दिन (देखें date_precision)",
    "url": "कड़ी, जहाँ ज्ञात हो",
    "note": "आँकड़े उससे कैसे पढ़े गए",
    "date": "तारीख़: अवलोकन, माप या सुधार का दिन",
    "mentions": "उस दिन खाते का उल्लेख करने वाली दूसरों की पोस्ट",
    "answered": "उनमें से जिनका खाते ने जवाब दिया",
    "answered_within_hour": "उनमें से जिनका 60 मिनट के भीतर जवाब आया",
    "median_reply_minutes": "उल्लेख से पहले जवाब तक का मध्य समय (मिनट)",
    "posts_read": "इसे मापने के लिए पढ़ी गई पोस्ट (इसकी लागत)",
    "figure": "कौन-सा आँकड़ा: followers, status, handle, ...",
    "old_value": "साइट पर पहले क्या दिखा",
    "new_value": "सही क्या है",
    "reason": "क्यों, एक वाक्य में",
    "following": "फ़ॉलो किए गए खाते",
    "posts": "कुल प्रकाशित पोस्ट",
}
TYPES_HI = {"string": "पाठ", "integer": "पूर्णांक", "number": "संख्या", "date": "तारीख़", "boolean": "`true` या `false`"}
FILES_HI = {
    "handles.csv": "हर विभाग और प्लैटफ़ॉर्म: स्थिति और पहुँच", "complaints.csv": "शिकायतों के योग, दरों के साथ",
    "sources.csv": "उद्धृत लेख और दस्तावेज़", "replies.csv": "नागरिकों के उल्लेखों पर जवाब, हर खाते और दिन के (केवल गिनती)",
    "corrections.csv": "प्रकाशित आँकड़ों के सुधार", "departments/<id>.csv":
        "एक विभाग के अवलोकन: पिछले 400 दिनों का हर दिन (उस महीने की पहली तारीख़ से जिसमें वे शुरू होते हैं); उससे पहले हर "
        "महीने का आख़िरी सही अवलोकन, हर हाथ से दर्ज आँकड़ा और स्थिति का हर बदलाव; साझा खाते की पंक्तियाँ वैसी ही जैसी उसे "
        "दर्ज करने वाले विभाग के नाम हैं (उसकी पहचान के साथ), खाते को सूची में रखने वाले हर विभाग की फ़ाइल में वही पंक्तियाँ। "
        "हर पंक्ति बताती है कि उसका दिन कितना ठीक ज्ञात है (date_precision) और स्रोत उसकी गिनती कैसे बताता है "
        "(followers_bound), जैसे स्कोरकार्ड बताता है",
    "departments/<id>-complaints.csv": "एक विभाग के शिकायत-आँकड़े, complaints.csv की तरह (जिस विभाग के आँकड़े नहीं, "
                                       "उसकी फ़ाइल नहीं)",
}

# Names of platforms a pasted link may be on: more than the site collects (schema.Platform).
# X's is one name in two parts, joined by a no-break space wherever it is written (a heading,
# a sentence, a table cell, a chart, a feed): "X" ending a phone's line and "(ट्विटर)" opening
# the next read as two things.
PLATFORM = {"x": ("X\u00a0(ट्विटर)", "X\u00a0(Twitter)"), "facebook": ("फेसबुक", "Facebook"),
            "instagram": ("इंस्टाग्राम", "Instagram"), "youtube": ("यूट्यूब", "YouTube")}


def pick(pair: tuple[str, str] | None, lang: str, fallback: str = "") -> str:
    if pair is None:
        return fallback
    return pair[LANGS.index(lang)]


def label(table: dict, key, lang: str) -> str:
    """Translated label of a code, or the code itself when the table does not know it."""
    return pick(table.get(key), lang, str(key) if key is not None else "")


TEXT = {
    "site_name": ("जवाबदेही", "Jawabdehi"),
    "home": ("मुखपृष्ठ", "Home"),
    "league": ("सभी खाते", "All accounts"),
    "methodology": ("कार्यप्रणाली", "Methodology"),
    "downloads": ("डाउनलोड", "Downloads"),
    "about": ("परिचय", "About"),
    "complaints": ("शिकायतें", "Complaints"),
    "tagline": ("क्या सरकारी सोशल-मीडिया खाते जीवित हैं और नागरिकों को जवाब देते हैं?",
                "Are government social-media handles alive and answering citizens?"),
    "department": ("विभाग", "Department"),
    "state": ("राज्य", "State"),
    "district": ("ज़िला", "District"),
    "category": ("श्रेणी", "Category"),
    "platform": ("प्लैटफ़ॉर्म", "Platform"),
    "handle": ("हैंडल", "Handle"),
    "followers": ("फ़ॉलोअर", "Followers"),
    "last_post": ("आख़िरी पोस्ट", "Last post"),
    "status": ("स्थिति", "Status"),
    # An observation's own result (ok, suspended, not found), not the account's status.
    "check": ("जाँच का नतीजा", "Check"),
    "observed_on": ("आँकड़े की तारीख़", "As of"),
    "source": ("स्रोत", "Source"),
    "grade": ("ग्रेड", "Grade"),
    "no_handle": ("हैंडल हमें ज्ञात नहीं", "handle not known to us"),
    "stale": ("पुराना आँकड़ा", "old figure"),
    "headline_counts": ("स्थिति के अनुसार खाते", "Accounts by status"),
    "attention": ("सुप्त, परित्यक्त या बंद खाते, और बिना खाते वाले विभाग",
                  "Dormant, abandoned or gone handles, and departments without one"),
    "attention_more": ("और {n} खाते। ध्यान माँगने वाले सभी खाते, स्थिति के अनुसार, सबसे ज़्यादा फ़ॉलोअर वाले पहले:",
                       "{n} more. Every account needing attention, by status, the largest audiences first:"),
    "ranked_more": ("यहाँ हर सूची के पहले {shown} विभाग; सभी {total} विभागों के आँकड़े:",
                    "The first {shown} departments of each list; the figures of all {total}:"),
    "attention_none": ("ऐसा कोई खाता नहीं।", "None."),
    "latest": ("सबसे नए आँकड़े", "Latest observations"),
    "see_all": ("सभी खातों की तालिका देखें", "See the table of all accounts"),
    "accounts_intro": ("हर विभाग और प्लैटफ़ॉर्म की एक पंक्ति, जिन विभागों का कोई खाता नहीं वे भी; दो विभागों का साझा खाता "
                       "एक पंक्ति है। सबसे ज़्यादा फ़ॉलोअर वाले खाते पहले; जिनकी कोई गिनती नहीं, वे उनके बाद।",
                       "One row per department and platform, including departments with no account; an account "
                       "two departments share is one row. The most followed accounts come first; those with no "
                       "count follow them."),
    "reason_days": ("आख़िरी पोस्ट {post}, इस अवलोकन ({obs}) से {days} दिन पहले",
                    "last post {post}, {days} days before this observation ({obs})"),
    "reason_days_one": ("आख़िरी पोस्ट {post}, इस अवलोकन ({obs}) से {days} दिन पहले",
                        "last post {post}, {days} day before this observation ({obs})"),
    "reason_days_zero": ("आख़िरी पोस्ट {post}, इस अवलोकन के दिन ही", "last post {post}, the day of this observation"),
    # Under the home page's counts: a status from an old observation is counted as it was last
    # known, which a count read as "as of" the site's date would not tell.
    "stale_counted": ("इनमें से {n} खातों का आख़िरी अवलोकन {date} से {days} दिन से ज़्यादा पहले का है: वे अपनी "
                      "अंतिम ज्ञात स्थिति से गिने गए हैं, जिसे उनके पन्ने तारीख़ के साथ दिखाते हैं।",
                      "{n} of these accounts were last observed more than {days} days before {date}: they are "
                      "counted by their last known status, which their pages show with its date."),
    "stale_counted_one": ("इनमें से {n} खाते का आख़िरी अवलोकन {date} से {days} दिन से ज़्यादा पहले का है: वह अपनी "
                          "अंतिम ज्ञात स्थिति से गिना गया है, जिसे उसका पन्ना तारीख़ के साथ दिखाता है।",
                          "{n} of these accounts was last observed more than {days} days before {date}: it is "
                          "counted by its last known status, which its page shows with its date."),
    "reason_never": ("अब तक कोई अवलोकन नहीं", "never observed yet"),
    "reason_no_post_date": ("{when} देखा गया, पर आख़िरी पोस्ट की तारीख़ दर्ज नहीं",
                            "observed {when}, but the date of the last post was not recorded"),
    "reason_suspended": ("{when} खाता निलंबित पाया गया", "{when} the account was found suspended"),
    "reason_not_found": ("{when} खाता नहीं मिला", "{when} the account was not found"),
    "full_stop": ("।", "."),
    "reason_never_posted": ("{obs} तक कोई पोस्ट नहीं", "no post at all by {obs}"),
    "stale_note": ("यह अंतिम ज्ञात आँकड़ा {obs} का है, {limit} दिन से अधिक पुराना",
                   "Last known figure, from {obs}: more than {limit} days old"),
    "stale_note_years": ("यह अंतिम ज्ञात आँकड़ा {obs} का है, साइट के सबसे नए आँकड़ों से {n} साल से अधिक पहले का",
                         "Last known figure, from {obs}: more than {n} years before the site's newest figures"),
    "error_note": ("{date} को जाँच विफल रही; पिछला सही आँकड़ा दिखाया गया है",
                   "the check on {date} failed; the last good figure is shown"),
    "reach": ("पहुँच", "Reach"),
    "growth": ("{first} ({first_on}) से {last} ({last_on})", "{first} ({first_on}) to {last} ({last_on})"),
    "rank_state": ("राज्य में स्थान (फ़ॉलोअर)", "Rank in state by followers"),
    "rank_category": ("पूरे भारत में श्रेणी में स्थान (फ़ॉलोअर)", "Rank in category across India by followers"),
    "change": ("बदलाव", "Change"),
    "days": ("दिन", "days"),
    "history": ("फ़ॉलोअर का इतिहास", "Follower history"),
    "sudden_change": ("{date}, {platform}: {change}", "{date}, {platform}: {change}"),
    # Follows the lines' figures, which end without a stop.
    "sudden_rings": ("। घेरे अचानक बदलाव दिखाते हैं: {changes}।", ". Rings mark sudden changes: {changes}."),
    "follower_chart_axes": ("चार्ट {first} से {last} तक, {low} से {high} फ़ॉलोअर के बीच है।",
                            "The chart runs from {first} to {last}, between {low} and {high} followers."),
    "chart_alt": ("चार्ट के आँकड़े नीचे तालिका में हैं।", "The chart's figures are in the table below."),
    "date": ("तारीख़", "Date"),
    "complaints_heading": ("शिकायतें", "Complaints"),
    "export_source": ("शिकायत ट्रैकर का निर्यात (अनाम योग, {fingerprint})",
                      "grievance-tracker export (anonymised totals, {fingerprint})"),
    "series": ("श्रृंखला", "Series"),
    "median_resolution": ("समाधान का मध्य समय (घंटे)", "Median hours to resolve"),
    "complaints_intro": ("हर विभाग की सबसे नई गिनी जाने वाली अवधि: एक महीना या अधिक, कम से कम {n} शिकायतें, और "
                         "साइट के आँकड़ों की तारीख़ से अधिकतम {days} दिन पहले ख़त्म; तुलना समान संख्या-वर्ग के "
                         "विभागों में ही। जिस विभाग की कोई अवधि नहीं गिनी जाती, वह नीचे अपनी सबसे नई अवधि और कारण के "
                         "साथ है। दर के साथ उसका 95\u00a0% अंतराल भी दिया है: शिकायतों की गिनती को देखते हुए वह दायरा "
                         "जिसमें असली दर होने की संभावना है (95\u00a0% भरोसा; कम शिकायतें, चौड़ा दायरा)।",
                         "Each department's latest period that counts: a month or more, of at least {n} complaints, "
                         "ended at most {days} days before the site's as-of date; ranked only against departments "
                         "of the same volume band. A department with none is listed below with its latest period "
                         "and why. Each rate has its 95\u00a0% interval beside it: the range the true rate probably "
                         "lies in, given how many complaints there were (95\u00a0% confidence; fewer complaints, a "
                         "wider range)."),
    "volume_band": ("{band} शिकायतों वाले विभाग", "Departments with {band} complaints"),
    "band_range": ("{low}–{high}", "{low}–{high}"),
    "band_open": ("{low} या अधिक", "{low} or more"),
    # Two departments at "1 of 4" read as a slip without the rule beside them.
    "ranking_caption": ("क्रम: इसी वर्ग के विभागों में समाधान दर के अनुसार; जिनकी दर एक जैसी दिखती है, उनका स्थान भी एक ही है",
                        "Rank: by resolution rate, within this band; rates shown alike share a place"),
    "interval": ("95\u00a0% अंतराल", "95\u00a0% interval"),
    "rank_of": ("{n} में से {rank}", "{rank} of {n}"),
    "not_ranked_heading": ("क्रम में नहीं", "Not ranked"),
    "received_lower": ("प्राप्त", "received"),
    "unranked_too_few": ("तुलना के लिए बहुत कम शिकायतें ({n} से कम)", "too few complaints to compare (fewer than {n})"),
    "unranked_too_old": ("अवधि आँकड़ों की तारीख़ से {days} दिन से ज़्यादा पहले ख़त्म हुई, इसलिए नई अवधियों से तुलना "
                         "नहीं",
                         "the period ended more than {days} days before the as-of date, too old to compare with "
                         "recent ones"),
    "unranked_alone": ("अपने वर्ग में अकेला विभाग", "the only department of its band"),
    "unranked_too_short": ("अवधि एक महीने से छोटी है", "the period is shorter than a month"),
    "unranked_bound": ("स्रोत गिनती सीमा के रूप में देता है (जैसे “1,000 से अधिक”), इसलिए दर नहीं बनती",
                       "its source gives the counts as bounds (such as “more than 1,000”), so they make no rate"),
    # Why a row makes no rate, the one reason that applies (Formatter.no_rate).
    "no_rate": ("{why}, इसलिए दर नहीं बनती", "{why}, so no rate"),
    "no_rate_none_received": ("अवधि में कोई शिकायत प्राप्त नहीं हुई, इसलिए दर नहीं बनती",
                              "no complaint was received in the period, so no rate"),
    "no_rate_unreported": ("स्रोत ने {counts} की गिनती नहीं बताई", "the source did not report the count of {counts}"),
    "no_rate_hidden": ("{counts} की गिनती बहुत छोटी होने से छिपाई गई (निजता)",
                       "the count of {counts} is hidden as too small (privacy)"),
    "no_rate_received": ("प्राप्त शिकायतों", "complaints received"),
    "no_rate_resolved": ("हल हुई शिकायतों", "complaints resolved"),
    "no_rate_received_resolved": ("प्राप्त और हल हुई शिकायतों", "complaints received and resolved"),
    # Each reason in the words of the heading above unranked departments (not_ranked_heading).
    "not_ranked_stale": ("क्रम में नहीं: आँकड़ा {limit} दिन से पुराना है",
                         "not ranked: the figure is more than {limit} days old"),
    "not_ranked_stale_years": ("क्रम में नहीं: आँकड़ा साइट के सबसे नए आँकड़ों से {n} साल से अधिक पहले का है",
                               "not ranked: the figure is more than {n} years older than the site's newest figures"),
    "not_ranked_alone": ("क्रम में नहीं: हाल के आँकड़े वाला अकेला खाता", "not ranked: the only account with a recent figure"),
    "not_ranked_suspended": ("क्रम में नहीं: खाता निलंबित है, नागरिक उस तक नहीं पहुँच सकते",
                             "not ranked: the account is suspended, out of citizens' reach"),
    "not_ranked_shared": ("यहाँ क्रम में नहीं: साझा खाता, दूसरे विभाग के राज्य या श्रेणी में गिना गया",
                          "not ranked here: a shared account, ranked in the state or category of the other department"),
    "not_ranked_not_found": ("क्रम में नहीं: खाता अब नहीं मिलता", "not ranked: the account is no longer found"),
    "not_ranked_contradicted": ("क्रम में नहीं: बाद की एक रिपोर्ट को कोई आधिकारिक खाता नहीं मिला",
                                "not ranked: a later report found no official account"),
    "growth_30d": ("30 दिन की बढ़त", "30-day growth"),
    "until_day": ("{date} तक", "to {date}"),
    "growth_from_first": ("पहली गिनती {first} से {last} तक", "from the first count, {first}, to {last}"),
    "jumps_left_out": ("{n} उछाल छोड़कर", "{n} jumps left out"),
    "jumps_left_out_one": ("{n} उछाल छोड़कर", "{n} jump left out"),
    "caveats": ("सीमाएँ", "Caveats"),
    "corrections": ("सुधार", "Corrections"),
    "health": ("डेटा संग्रह की स्थिति", "Pipeline health"),
    "corrections_intro": ("जब कोई विभाग या पाठक सबूत के साथ बताता है कि कोई आँकड़ा ग़लत है, तो सुधार यहाँ "
                          "दर्ज होता है और उस विभाग के स्कोरकार्ड पर दिखता है। मूल अवलोकन कभी बदले नहीं जाते।"
                          " स्थिति, क्रम और ग्रेड अवलोकनों से बनते हैं: वे अगले उस अवलोकन से बदलते हैं जो सही आँकड़ा "
                          "दिखाए, सुधार से अपने-आप नहीं।",
                          "When a department or a reader shows with evidence that a figure is wrong, the correction "
                          "is recorded here and shown on that department's scorecard. Original observations are "
                          "never edited. The status, ranks and grade follow the observations: they change with the "
                          "next observation that shows the right figure, not with the correction itself."),
    "corrections_caption": ("दर्ज सुधार, नए पहले", "Corrections made, newest first"),
    "no_corrections": ("अभी तक कोई सुधार नहीं।", "No corrections yet."),
    "dispute": ("किसी आँकड़े पर आपत्ति दर्ज करें", "Dispute a figure"),
    # The footer's link is the issue form: said, beside the corrections page that gives every way.
    "footer_dispute": ("GitHub पर किसी आँकड़े पर आपत्ति दर्ज करें", "Dispute a figure on GitHub"),
    "dispute_this": ("इस पन्ने के किसी आँकड़े पर आपत्ति", "Dispute a figure on this page"),
    "figure": ("आँकड़ा", "Figure"),
    "was": ("पहले", "Was"),
    "now": ("अब", "Now"),
    "reason": ("कारण", "Reason"),
    "corrected_box": ("इस स्कोरकार्ड पर सुधार", "Corrections on this scorecard"),
    "corrected_box_note": ("स्थिति, क्रम और ग्रेड अवलोकनों से बनते हैं: वे अगले उस अवलोकन से बदलते हैं जो सही "
                           "आँकड़ा दिखाए।",
                           "The status, ranks and grade follow the observations: they change with the next "
                           "observation that shows the right figure."),
    "correction_line": ("{date}: {figure} {old} से {new} — {reason}", "{date}: {figure} {old} → {new} — {reason}"),
    "health_intro": ("हर रात के संग्रह का रिकॉर्ड: कितने खाते देखे गए, क्या मिला, कितने अनुरोध और कितना ख़र्च। "
                     "साइट के बाक़ी पन्ने और फ़ाइलें केवल आँकड़ों से बनती हैं; यह पन्ना (और पुराने आँकड़ों की "
                     "चेतावनी) उस दिन पर भी निर्भर है जिस दिन साइट बनी।",
                     "The record of each night's collection: accounts looked up, what came back, requests and "
                     "reads billed. The rest of the site's pages and files follow from the data alone; this page "
                     "(and the warning about old figures) also depends on the day the site was built."),
    "withheld_heading": ("समीक्षा तक रोके गए सेल", "Cells withheld pending review"),
    "withheld_intro": ("इन इनपुट सेलों में निजी जानकारी जैसा कुछ मिला। हर जगह जहाँ वे दिखते, वहाँ "
                       "“समीक्षा तक रोका गया” लिखा है; बाक़ी साइट प्रकाशित हुई। नीचे वे ढके हुए रूप में हैं।",
                       "The audit found what looks like personal data in these input cells. Everywhere they would "
                       "appear, the site says “withheld pending review”; the rest was published. They are "
                       "shown masked."),
    "newest_figure": ("सबसे नया आँकड़ा", "Newest figure"),
    "days_before_build": ("{date} से {days} दिन पहले", "{days} days before {date}"),
    "built_same_day": ("साइट बनने के दिन का, {date}", "the day the site was built, {date}"),
    "days_before_build_one": ("{date} से {days} दिन पहले", "{days} day before {date}"),
    # Of a newest figure known to its month or year, counted from its last day (health.staleness).
    "days_before_build_least": ("{date} से कम से कम {days} दिन पहले", "at least {days} days before {date}"),
    "days_before_build_least_one": ("{date} से कम से कम {days} दिन पहले", "at least {days} day before {date}"),
    "built_in_month": ("साइट उसी महीने में बनी, {date} को", "the site was built in that month, on {date}"),
    "built_in_year": ("साइट उसी साल में बनी, {date} को", "the site was built in that year, on {date}"),
    "last_night": ("आख़िरी संग्रह", "Last collection"),
    "last_good_night": ("आख़िरी सफल संग्रह", "Last successful collection"),
    "no_runs": ("इस डेटा में अब तक कोई रात्रि-संग्रह नहीं", "no nightly collection in this data yet"),
    "month_budget": ("इस महीने का बजट", "This month's budget"),
    "reads_of_budget": ("{budget} में से {used} खाते-पठन", "{used} of {budget} account reads"),
    "refresh_floor": ("हर खाता कम से कम", "Every account refreshed at least"),
    "refresh_floor_days": ("हर {days} दिन में एक बार ताज़ा", "every {days} days"),
    "refresh_floor_none": ("कोई न्यूनतम नहीं: इस महीने का बजट ख़त्म है", "no floor: this month's budget is spent"),
    "refresh_floor_not_kept": ("(बजट {days} दिन का वादा नहीं निभा सकता)",
                               "(the budget cannot keep the configured {days} days)"),
    "collective_silence": ("सामूहिक चुप्पी", "Collective silence"),
    "collective_silence_line": ("{state}: {since} से {accounts} में से {silent} नियमित खाते एक साथ चुप हैं",
                                "{state}: {silent} of {accounts} usually active accounts silent together "
                                "since {since}"),
    "collective_silence_state": ("इस राज्य के कई खाते {since} से एक साथ चुप हैं (जैसे चुनाव आचार संहिता में): "
                                 "हर विभाग की स्थिति अलग-अलग नहीं, एक सामूहिक चुप्पी के रूप में पढ़ें।",
                                 "Many accounts of this state have been silent together since {since} (as under an "
                                 "election's code of conduct): read their statuses as one collective silence, not "
                                 "each department's own."),
    "collective_silence_ending_line": ("{state}: {since} से चली सामूहिक चुप्पी ख़त्म हो रही है; {silent} खाते अभी भी चुप "
                                       "दिखते हैं, उन्हें पहले पढ़ा जा रहा है",
                                       "{state}: the collective silence since {since} is ending; {silent} accounts "
                                       "still shown silent are read first"),
    "collective_silence_ending_state": ("इस राज्य के जो खाते {since} से एक साथ चुप थे, वे फिर से पोस्ट करने लगे हैं: जिनकी "
                                        "स्थिति अभी भी चुप दिखती है, उन्हें अगली रातों में पहले देखा जा रहा है।",
                                        "Accounts of this state silent together since {since} have started posting "
                                        "again: those still shown silent are looked up first in the coming nights."),
    "recent_nights": ("हाल की रातें", "Recent nights"),
    "nights_caption": ("हर रात: देखे गए खाते, परिणाम, अनुरोध और बिल हुए पठन", "Each night: accounts looked up, "
                       "outcomes, requests and reads billed"),
    "night": ("रात", "Night"),
    "looked_up": ("देखे गए", "Looked up"),
    "requests": ("अनुरोध", "Requests"),
    "reads_billed": ("बिल हुए पठन", "Reads billed"),
    "note": ("टिप्पणी", "Note"),
    "stopped_early": ("जल्दी रुका", "stopped early"),
    "published_files": ("प्रकाशित फ़ाइलें", "Published files"),
    "files_caption": ("इस बार और पिछली बार: पंक्तियाँ और आकार", "This build and the last: rows and size"),
    "rows": ("पंक्तियाँ", "Rows"),
    "rows_before": ("पंक्तियाँ, पिछली बार", "Rows last time"),
    "bytes": ("बाइट", "Bytes"),
    "bytes_before": ("बाइट, पिछली बार", "Bytes last time"),
    "size_bytes": ("{n} बाइट", "{n} bytes"),
    "size_bytes_one": ("{n} बाइट", "{n} byte"),
    # Larger sizes (1 kB is 1,000 bytes): Hindi in Devanagari as it writes बाइट and as phone
    # plans say "2 जीबी" (CLDR's short Hindi units are the Latin kB, MB: "843 बाइट" beside "5.2 kB").
    "size_kilobytes": ("{n} केबी", "{n} kB"),
    "size_megabytes": ("{n} एमबी", "{n} MB"),
    "size_gigabytes": ("{n} जीबी", "{n} GB"),
    "banner_old": ("ध्यान दें: इस साइट के सबसे नए आँकड़े {date} के हैं, साइट बनने के दिन से {n} दिन से ज़्यादा पुराने। "
                   "यह चेतावनी साइट बनते समय जोड़ी गई।",
                   "Note: the newest figures on this site are from {date}, more than {n} days before the day "
                   "the site was built. This warning was added when the site was built."),
    "banner_old_years": ("ध्यान दें: इस साइट के सबसे नए आँकड़े {date} के हैं, साइट बनने के दिन से {n} साल से ज़्यादा "
                         "पुराने। यह चेतावनी साइट बनते समय जोड़ी गई।",
                         "Note: the newest figures on this site are from {date}, more than {n} years before the day "
                         "the site was built. This warning was added when the site was built."),
    "banner_none": ("ध्यान दें: साइट बनते समय इस पर कोई अवलोकन नहीं था।",
                    "Note: when the site was built, it had no observations yet."),
    "last_known": ("अंतिम ज्ञात: {date}", "last known: {date}"),
    "seen_on": ("{when} देखा", "seen {when}"),
    "reported_on": ("{source} के अनुसार {when}", "per {source} {when}"),
    # After an "unknown" from a report: the report's status is ours, for want of a date.
    "reported_no_post": ("; रिपोर्ट में आख़िरी पोस्ट की तारीख़ नहीं", "; the report gives no date of a last post"),
    # A status older than the refresh floor the budget kept: it may have moved since.
    "seen_overdue": ("{when} देखा; {floor} दिन की न्यूनतम ताज़गी-अवधि में दोबारा नहीं देखा गया",
                     "seen {when}; not checked again within the {floor}-day refresh floor"),
    "overdue": ("ताज़ा नहीं", "not refreshed"),
    # A registered account whose newest "no account" report is dated after our last look at it.
    "newer_report": ("{date} की एक रिपोर्ट ({source}) को हमारे आख़िरी अवलोकन ({obs}) के बाद कोई आधिकारिक खाता नहीं मिला",
                     "A report of {date} ({source}) found no official account after our last observation, of {obs}"),
    "newer_report_unseen": ("{date} की एक रिपोर्ट ({source}) को कोई आधिकारिक खाता नहीं मिला; हमने यह खाता अभी तक "
                            "नहीं देखा",
                            "A report of {date} ({source}) found no official account; we have not observed this "
                            "account yet"),
    "no_account_per": ("कोई खाता नहीं — {source} के अनुसार", "No account, per {source}"),
    "no_account_registry": ("हमारी सूची में कोई खाता नहीं ({date} तक)", "No account in our registry (as of {date})"),
    "in_minutes": ("{n} मिनट", "{n} minutes"),
    "in_minutes_one": ("{n} मिनट", "{n} minute"),
    "in_hours": ("{n} घंटे", "{n} hours"),
    "in_hours_one": ("{n} घंटा", "{n} hour"),
    "in_days": ("{n} दिन", "{n} days"),
    "in_days_one": ("{n} दिन", "{n} day"),
    "n_days": ("{n} दिन", "{n} days"),
    "n_days_one": ("{n} दिन", "{n} day"),
    "reply_measured": ("जवाब का मध्य समय: {when} (मापा गया, {date} तक)", "Median time to reply: {when} (measured, "
                       "to {date})"),
    "list_csv": ("{place} की सूची CSV फ़ाइल में डाउनलोड करें", "Download the list of {place} as a CSV file"),
    "list_csv_note": ("{file}, {size}: हर पंक्ति, हर कॉलम; दो विभागों का साझा खाता दोनों की पंक्तियों में",
                      "{file}, {size}: every row and column; an account two departments share is on both their rows"),
    "badge_reply_period": ("जवाब की अवधि {date} तक", "reply period to {date}"),
    "reply_measured_on": ("{date} तक मापा गया", "measured to {date}"),
    "reply_unanswered": ("नागरिकों के मापे गए उल्लेखों में से किसी का जवाब नहीं ({date} तक)",
                         "Answered none of the citizens' mentions measured (to {date})"),
    "reply_unanswered_short": ("कोई नहीं", "none"),  # in a column of minutes: no reply at all
    # A reported reply time is of a period: its end is the date a list and a scorecard both name.
    "reply_reported_on": ("रिपोर्ट के अनुसार, {date} तक की अवधि", "as reported for the period to {date}"),
    # A reported figure's source in a list's cell, after its date: "(…; source: Prabhat Khabar)".
    "cited_source": ("; स्रोत: {source}", "; source: {source}"),
    "last_post_note": ("आख़िरी पोस्ट {date}", "last post {date}"),
    "reply_reported": ("जवाब: {when} में ({date} तक की अवधि; {source})", "Replies in {when} (the period to {date}; "
                       "{source})"),
    # Who reported a figure, and when they published it: not the day the figure is of.
    "per_published": ("{publication} के अनुसार, {date} को प्रकाशित", "per {publication}, published {date}"),
    "per_source": ("{source} के अनुसार", "per {source}"),
    # A figure as its source states it (complaints.csv bound): "over 1,000", "within an hour".
    "bound_more_than": ("{n} से अधिक", "more than {n}"),
    "bound_at_most": ("अधिकतम {n}", "at most {n}"),
    "bound_about": ("लगभग {n}", "about {n}"),
    "unverified": ("अपुष्ट", "unverified"),
    "elsewhere": ("और कहाँ शिकायत करें", "Where else to complain"),
    "contact_helpline": ("विभाग की हेल्पलाइन", "Department helpline"),
    "contact_grievance_portal": ("विभाग का शिकायत पोर्टल", "Department grievance portal"),
    "contact_website": ("विभाग की वेबसाइट", "Department website"),
    "districts": ("ज़िले", "Districts"),
    "state_level": ("राज्य स्तर के विभाग", "State-level departments"),
    "district_departments": ("ज़िले के विभाग", "Departments in the district"),
    "union_level": ("केंद्र सरकार के विभाग", "Union departments"),
    # Not "..., in 1 district": that reads as if every account were in it, state-level ones too.
    "state_intro": ("{accounts}। {districts} ज़िलों के अपने पन्ने हैं।", "{accounts}. {districts} districts have "
                    "pages of their own."),
    "state_intro_one": ("{accounts}। {districts} ज़िले का अपना पन्ना है।", "{accounts}. {districts} district has a "
                        "page of its own."),
    "state_intro_none": ("{accounts}।", "{accounts}."),
    "district_intro": ("{accounts}।", "{accounts}."),
    "accounts_count": ("{n} विभाग-खाते", "{n} department accounts"),
    "accounts_count_one": ("{n} विभाग-खाता", "{n} department account"),
    "no_account_count": (" और {n} विभाग जिनका खाता नहीं", " and {n} departments with no account"),
    "no_account_count_one": (" और {n} विभाग जिसका खाता नहीं", " and {n} department with no account"),
    # A district's departments, beside its name in its state's list: not its accounts, which
    # the district's own page counts.
    "departments_count": ("{n} विभाग", "{n} departments"),
    "departments_count_one": ("{n} विभाग", "{n} department"),
    # The folders' own pages (render/indexes.py): an address trimmed by hand to states/,
    # districts/ or departments/ lands on a list that links on, not on the host's "not found".
    "index_states": ("राज्य", "States"),
    "index_states_intro": ("हर राज्य और केंद्र सरकार का अपना पन्ना है: उसके ज़िले, विभाग और उनके खाते।",
                           "Each state, and the Union government, has a page of its own: its districts, "
                           "departments and their accounts."),
    "index_districts_intro": ("जिन ज़िलों का अपना पन्ना है, राज्य के अनुसार।",
                              "The districts with a page of their own, by state."),
    "index_districts_none": ("अभी किसी ज़िले का अपना पन्ना नहीं है।", "No district has a page of its own yet."),
    "index_departments": ("विभाग", "Departments"),
    "index_districts_all": ("सभी ज़िले, राज्य के अनुसार", "Every district, by state"),
    "index_departments_intro": ("हर विभाग का अपना पन्ना है। अपने राज्य के विभाग चुनें, या नाम से खोजें।",
                                "Each department has a page of its own. Choose your state's departments, "
                                "or search by name."),
    "index_all_departments": ("पूरे देश के सभी विभाग", "Every department in India"),
    "as_of_none": ("अभी तक कोई आँकड़ा नहीं देखा गया।", "No figure observed yet."),
    "not_checked_yet": ("अभी जाँचा नहीं गया", "not checked yet"),
    "as_of_newest": ("आँकड़े {date} तक के।", "Figures as of {date}."),
    # What the site's newest observation is from (Formatter.newest_from), beside its date.
    "newest_lookup": ("सबसे नया आँकड़ा जवाबदेही की जाँच का है।", "The newest figure is from a lookup by Jawabdehi."),
    "newest_reported": ("सबसे नए आँकड़े इन रिपोर्टों के हैं: {sources}।", "The newest figures are from these reports: "
                        "{sources}."),
    "newest_reported_one": ("सबसे नया आँकड़ा इस रिपोर्ट का है: {sources}।", "The newest figure is from a report: "
                            "{sources}."),
    # A date a source gives only to the month (sources.csv date_precision).
    "about_month": ("लगभग {month}", "about {month}"),
    # When something happened, in a sentence: a day, or what a source dates to a month or year.
    "on_day": ("{date} को", "on {date}"),
    "in_period": ("{date} में", "in {date}"),
    # A figure of one day a source dates only to the month or year: a day, not the month.
    "one_day_about": ("एक दिन, {date}", "one day, {date}"),
    # Lists show many figures and no source column: where each comes from is said once.
    "figures_source": ("हर आँकड़ा अपने खाते के सबसे नए अवलोकन से: जवाबदेही की जाँच, या विभाग के पन्ने पर लिखी रिपोर्ट।",
                       "Each figure is from its account's latest observation: a lookup by Jawabdehi, or the report "
                       "named on the department's page."),
    # The 'no account' list's rows have no observation: each is a finding of its own day.
    "findings_source": ("हर पंक्ति हमारी खातों की सूची से, या विभाग के पन्ने पर लिखी रिपोर्ट से, अपनी तारीख़ के साथ।",
                        "Each row is from our list of accounts, or the report named on the department's page, "
                        "with its date."),
    "state_description": ("{state}: ज़िलों और विभागों के सोशल-मीडिया खाते — कौन सक्रिय है, कौन जवाब देता है।",
                          "{state}: districts and departments' social-media handles, which are active and which "
                          "answer."),
    "district_description": ("{place}: {n} विभाग-खाते — हैंडल, स्थिति और जवाब का समय।",
                             "{place}: {n} department accounts, with handles, status and reply time."),
    "find_district": ("अपना राज्य और ज़िला चुनें", "Find your state and district"),
    "states_missing": ("अभी हमारी सूची में नहीं, हालाँकि इनके विभागों के खाते हो सकते हैं: {names}।",
                       "Not yet in our registry, though their departments may have accounts: {names}."),
    "answer": ("{name}: {platform} पर {handle} — {status} ({when})।", "{name}: {handle} on {platform}, {status} "
               "({when})."),
    "answer_post": ("आख़िरी पोस्ट {date}।", "Last post {date}."),
    # The platform first in both languages: a screen reader's first sentence says where.
    "answer_none": ("{name}: {platform} पर {statement}।", "{name}, on {platform}: {statement}."),
    "complaints_caption": ("शिकायतों के आँकड़े, अवधि के अनुसार", "Complaint figures by period"),
    "search": ("खोजें", "Search"),
    "search_intro": ("विभाग का नाम, ज़िला, हैंडल या छोटा नाम लिखें — जैसे डीएम, एसपी, बिजली।",
                     "Type a department's name, a district, a handle or a short form: DM, SP, electricity."),
    "search_label": ("क्या खोजना है", "What to look for"),
    "search_placeholder": ("जैसे: मुज़फ़्फ़रपुर पुलिस", "e.g. Muzaffarpur police"),
    # Plain words for a reader whose browser runs no script: what to do, not why.
    "search_noscript": ("खोज इस ब्राउज़र में नहीं चलती। अपना विभाग राज्य और ज़िले की सूची में, या सभी खातों की "
                        "सूची में ढूँढें:", "Search does not work in this browser. Find your department in the list "
                        "of states and districts, or in the list of all accounts:"),
    "source_note": ("इस स्रोत को कैसे पढ़ा गया", "How this source was read"),
    "absence_note": ("रिपोर्ट के बारे में हमारा नोट", "Our note on the report"),
    "in_english": (" (अंग्रेज़ी में)", " (in English)"),
    "search_noscript_all": ("सभी खाते, राज्य के अनुसार", "All accounts, by state"),
    "search_found": ("{n} विभाग मिले", "{n} departments found"),
    "search_found_one": ("{n} विभाग मिला", "{n} department found"),
    "search_none": ("कोई विभाग नहीं मिला।", "No department found."),
    "search_partial": ("कोई विभाग हर शब्द से नहीं मिला; सबसे क़रीबी:", "No department matches every word; the closest:"),
    "search_next": ("आगे कहाँ जाएँ", "Where to go next"),
    "search_go_district": ("{place} के सभी विभाग", "All departments of {place}"),
    "search_go_state": ("{place} के सभी विभाग", "All departments of {place}"),
    "search_helplines": ("राष्ट्रीय हेल्पलाइन, हर जगह से:", "National helplines, from anywhere:"),
    "search_open": ("विभाग, ज़िला या हैंडल खोजें", "Search departments, districts or handles"),
    "not_found": ("यह पन्ना नहीं मिला", "This page was not found"),
    "not_found_english": ("", "This page was not found: the address may have changed or been mistyped."),
    "english_home": ("", "Jawabdehi in English"),
    "not_found_hint": ("पता बदल गया होगा या ग़लत लिखा गया होगा। विभाग, ज़िला या हैंडल खोजें, या मुखपृष्ठ से शुरू करें।",
                       "The address may have changed or been mistyped. Search for a department, district or "
                       "handle, or start from the home page."),
    "go_home": ("मुखपृष्ठ पर जाएँ", "Go to the home page"),
    "search_loading": ("सूची आ रही है…", "Loading the list…"),
    "search_failed": ("सूची नहीं आ सकी; राज्य और ज़िले की सूची देखें।", "The list could not be loaded; go by state "
                      "and district."),
    "footer_licence": ("आँकड़े CC BY 4.0 के तहत, हर आँकड़े के साथ उसका स्रोत और तारीख़; कोड MIT लाइसेंस के तहत।",
                       "Data under CC BY 4.0, every figure with its source and date; code under the MIT licence."),
    "repository": ("स्रोत कोड और आँकड़े", "Source code and data"),
    "data_date": ("इस पन्ने के आँकड़े {date} तक के।", "The figures on this page are as of {date}."),
    # The size is what the chart's scripts weigh compressed (tests/test_project.py checks it):
    # a reader on a metered phone decides before paying for it.
    "chart_failed": ("इंटरैक्टिव चार्ट नहीं खुल सका; ऊपर का चार्ट वही आँकड़े दिखाता है। फिर कोशिश करें।",
                     "The interactive chart could not be opened; the chart above shows the same figures. Try again."),
    "interactive_chart": ("इंटरैक्टिव चार्ट खोलें (लगभग 280\u00a0केबी डाउनलोड)",
                          "Open the interactive chart (about 280\u00a0kB to download)"),
    "complaints_chart_summary": ("{first} से {last} तक हर महीने प्राप्त, हल और लंबित शिकायतें।",
                                 "Complaints received, resolved and pending each month from {first} to {last}."),
    "complaints_chart_channel": ("चार्ट में केवल {channel}; {others} के आँकड़े नीचे की तालिका में हैं।",
                                 "The chart shows {channel} only; {others} is in the table below."),
    "official_page": ("हैंडल आधिकारिक कैसे बनता है", "How a handle becomes official"),
    "league_caption": ("सभी विभाग-खाते", "Every department account"),
    "sort_by": ("क्रम", "Order"),
    "sort_listed": ("सूची के क्रम में", "As listed"),
    "sort_followers": ("सबसे ज़्यादा फ़ॉलोअर पहले", "Most followers first"),
    "sort_growth": ("30 दिन में सबसे ज़्यादा बढ़त पहले", "Most growth in 30 days first"),
    "sort_growth_asc": ("30 दिन में सबसे कम बढ़त पहले", "Least growth in 30 days first"),
    "sort_followers_asc": ("सबसे कम फ़ॉलोअर पहले", "Fewest followers first"),
    "sort_reply": ("सबसे जल्दी जवाब पहले", "Fastest reply first"),
    "sort_reply_desc": ("सबसे देर से जवाब पहले", "Slowest reply first"),
    "sort_grade": ("सबसे अच्छा ग्रेड पहले", "Best grade first"),
    "sort_grade_desc": ("सबसे कमज़ोर ग्रेड पहले", "Lowest grade first"),
    "sort_observed": ("हाल में देखे गए पहले", "Most recently seen first"),
    "sort_observed_asc": ("सबसे लंबे समय से न देखे गए पहले", "Longest unseen first"),
    "sort_name": ("नाम से", "By name"),
    "sort_status": ("सक्रिय पहले, बिना खाते वाले आख़िर में", "Active first, no account last"),
    "sort_status_desc": ("बिना खाते, खोए और चुप पहले", "No account, gone and silent first"),
    "choose_state": ("राज्य चुनें", "Choose a state"),
    "all": ("सभी", "All"),
    "reply_minutes": ("जवाब (मिनट)", "Reply (minutes)"),
    "league_choose": ("किसी भी कॉलम से पूरे देश का क्रम बदलें या छाँटें, या एक राज्य चुनें; नीचे पूरे देश की सूची "
                      "पन्ना-दर-पन्ना है।",
                      "Sort or filter the whole country by any column, or choose a state; below, the whole country "
                      "a page at a time."),
    "league_choose_state": ("इस राज्य के खाते किसी भी कॉलम से छाँटें या क्रम बदलें; नीचे इस राज्य की सूची है।",
                            "Sort or filter this state's accounts by any column; below, the state's list."),
    "league_state": ("{state}: सभी खाते", "All accounts: {state}"),
    "columns_of": ("{file} के कॉलम", "Columns of {file}"),
    "permalink_title": ("इस शीर्षक का स्थायी लिंक", "Permanent link to this heading"),
    "league_go": ("{place} की सूची खोलें", "Open the list of {place}"),
    "league_status": ("{status}: पूरा देश", "{status}: all India"),
    "status_list_intro": ("इस स्थिति के सभी खाते, सबसे ज़्यादा फ़ॉलोअर वाले पहले; जिनकी कोई गिनती नहीं, वे उनके बाद।",
                          "Every account with this status, the most followed first; those with no count follow them."),
    "status_list_intro_no_account": ("हर वह विभाग और प्लैटफ़ॉर्म जिस पर हमारी सूची में उस विभाग का कोई खाता नहीं, "
                                     "हर एक की एक पंक्ति।",
                                     "Every department and platform on which our list has no account of that "
                                     "department, a row for each."),
    # The raw status, as handles.csv's status column holds it.
    "status_csv": ("सभी खातों की CSV फ़ाइल (data/handles.csv, {size}) डाउनलोड करें: इस सूची की पंक्तियों के "
                   "status कॉलम में “{code}” है",
                   "Download every account as a CSV file (data/handles.csv, {size}): this list's rows have “{code}” "
                   "in their status column"),
    "status_list_sort": ("इन्हें राज्य, ज़िले या श्रेणी से छाँटें (हर ब्राउज़र में नहीं चलता)",
                         "Filter these by state, district or category (needs JavaScript)"),
    "state_accounts": ("इस राज्य के सभी खातों की तालिका", "Table of every account of this state"),
    "attention_more_state": ("और {n}: इस राज्य के सभी खातों की तालिका में", "{n} more: in the table of every account "
                             "of this state"),
    "league_start": ("राज्य से शुरू करें", "Start from a state"),
    "league_noscript": ("इस ब्राउज़र में यह सूची छानी या छाँटी नहीं जा सकती: इसमें सभी खाते सूची के क्रम में हैं, "
                        "पन्ना-दर-पन्ना।",
                        "Without JavaScript this list cannot be filtered or sorted: it holds every account in its "
                        "listed order, a page at a time."),
    "league_all_india": ("पूरा देश", "All India"),
    "league_all_india_of": ("पूरे देश", "all India"),  # as list_csv's {place}
    "idle_filter": ("कब से कोई पोस्ट नहीं", "No post for"),
    "idle_more_than": ("{days} दिन से ज़्यादा", "more than {days} days"),
    "league_shown": ("{total} में से {n} दिखाए", "{n} of {total} shown"),
    "league_sorted": ("{shown}, क्रम: {order}", "{shown}, in order: {order}"),
    "league_more": ("{n} और दिखाएँ", "Show {n} more"),
    "league_none": ("इन शर्तों से कोई खाता नहीं मिला।", "No account matches these choices."),
    "cite_none": ("उद्धरण: जवाबदेही, “{title}”, {url} (अभी तक कोई आँकड़ा नहीं)",
                  "Cite as: Jawabdehi, “{title}”, {url} (no figure observed yet)"),
    # What holds a page's figures, in its citation's brackets ({where}).
    "cite": ("उद्धरण: जवाबदेही, “{title}”, आँकड़े {date} तक, {url} ({where})",
             "Cite as: Jawabdehi, “{title}”, data as of {date}, {url} ({where})"),
    # No dated file holds the figures (a reply time, a report's finding, a complaint figure not
    # pinned): the file holding them tonight, which the next night replaces.
    "cite_current": ("ये आँकड़े इस फ़ाइल में: {file}, जो हर रात नई बनती है: उसकी एक प्रति रख लें",
                     "these figures are in {file}, which is made anew every night: keep a copy"),
    # A dated file holds the page's observations alone, not its reply times or complaint figures.
    "cite_partly": ("{current}; इनमें से अवलोकन यहाँ भी: {dated}",
                    "{current}; of these, the observations are also in {dated}"),
    "cite_archive": ("उस दिन की फ़ाइल: {archive}", "that day's file: {archive}"),
    # {files}: the pinned file cited, the night's own or its month's (downloads.cited_pin), or
    # tonight's where the figures' date is an earlier night's (a night whose lookups all failed).
    "cite_night_files": ("उस रात की फ़ाइलें", "that night's files"),
    "cite_night_of_files": ("{night} की रात की फ़ाइलें", "the files of the night of {night}"),
    "cite_month_files": ("उस महीने के अवलोकन", "that month's observations"),
    "cite_pinned": ("{files}, स्थायी पते पर: {archive}, SHA-256 {sha}",
                    "{files}, at their permanent address: {archive}, SHA-256 {sha}"),
    "cite_pending": ("{files}, स्थायी पते पर: {archive}, SHA-256 {sha}; वहाँ अपलोड होने तक इस साइट पर: {local}",
                     "{files}, at their permanent address: {archive}, SHA-256 {sha}; until they are uploaded "
                     "there, on this site: {local}"),
    "race": ("फ़ॉलोअर की होड़", "The follower race"),
    "race_caption": ("इस ज़िले के हैंडल, फ़ॉलोअर के अनुसार, हर आँकड़े की तारीख़ के साथ; स्रोत: {sources}",
                     "This district's handles by followers, each figure with its date; source: {sources}"),
    # Where a race's count comes from: the collector's look-up, or a report (its publication).
    "race_lookup": ("जवाबदेही की जाँच", "a lookup by Jawabdehi"),
    # A count older than its account's newest observation: its own source is on the scorecard.
    "race_earlier": ("पहले का अवलोकन (विभाग के पन्ने पर)", "an earlier observation (on the department's page)"),
    "grade_caption": ("ग्रेड के आधार: अंक, भार, कुल अंक में हिस्सा और राज्य का मध्य (मीडियन)",
                      "The grade's inputs: score, weight, points of the score and the state's median"),
    "state_median": ("राज्य का मध्य (मीडियन)", "State median"),
    "median_of": ("{median} ({n} विभागों का)", "{median} (of {n} departments)"),
    "median_of_one": ("{median} ({n} विभाग का)", "{median} (of {n} department)"),
    "median_alone": ("{median} (केवल यही विभाग)", "{median} (this department alone)"),
    "what_would_raise": ("ग्रेड क्या बढ़ाएगा", "What would raise the grade"),
    # What would raise a grade: what the department does, then what it does to the score.
    "raise_activity": ("कम से कम हर हफ़्ते पोस्ट करने से", "Posting at least weekly"),
    "raise_activity_restore": ("खाता बहाल करने और कम से कम हर हफ़्ते पोस्ट करने से",
                               "Restoring the account and posting at least weekly"),
    "raise_activity_open": ("खाता खोलने और कम से कम हर हफ़्ते पोस्ट करने से",
                            "Opening an account and posting at least weekly"),
    "raise_responsiveness": ("एक घंटे के भीतर जवाब देने से", "Answering within an hour"),
    "raise_responsiveness_after": ("खाता चालू होने पर एक घंटे के भीतर जवाब देने से",
                                   "Once it has an account that works, answering within an hour"),
    "raise_resolution": ("हर प्राप्त शिकायत का समाधान करने से", "Resolving every complaint received"),
    # No complaint figures of the department yet: resolving alone cannot count; publishing them can.
    # Figures published, but none the grade counts: a recent month of enough complaints would.
    "raise_resolution_recent": ("किसी हाल के महीने (आँकड़ों की तारीख़ से {days} दिन के भीतर ख़त्म, कम से कम {n} "
                                "शिकायतें) के आँकड़े सार्वजनिक करने और हर शिकायत का समाधान करने से",
                                "Publishing figures of a recent month (ended within {days} days of the as-of date, "
                                "at least {n} complaints), with every complaint resolved,"),
    "raise_resolution_publish": ("अपनी शिकायतों के आँकड़े (प्राप्त और हल हुईं) सार्वजनिक करने और हर शिकायत का "
                                 "समाधान करने से",
                                 "Publishing its complaint figures (received and resolved), with every complaint "
                                 "resolved,"),
    "raise_moves": ("{way} {part} के अंक {now} से 100 होंगे: कुल अंक {before} से {score} (ग्रेड {grade})।",
                    "{way} would move {part} from {now} to 100: the score from {before} to {score} (grade {grade})."),
    # A part with no figures is left out of the grade today; with figures at their best it would count.
    # In Hindi the verb agrees with भाग ("part"): "जवाब की गति" is feminine, "समाधान" masculine.
    "raise_adds": ("{way} {part} का भाग, जिसके अभी कोई आँकड़े नहीं, 100 अंक के साथ गिना जाएगा: कुल अंक {before} से {score} "
                   "(ग्रेड {grade})।",
                   "{way} would count {part}, which has no figures now, at 100: the score from {before} to {score} "
                   "(grade {grade})."),
    "raise_counts": ("{way} {part} का भाग, जिसके आँकड़े अभी गिने नहीं जाते, 100 अंक के साथ गिना जाएगा: कुल अंक {before} से "
                     "{score} (ग्रेड {grade})।",
                     "{way} would count {part}, whose figures do not count now, at 100: the score from {before} to "
                     "{score} (grade {grade})."),
    "grade_history": ("ग्रेड का इतिहास", "The grade over time"),
    "grade_history_note": ("हर महीने का ग्रेड उसके अंत तक के आधारों से: सक्रियता हर खाते के तब तक के आख़िरी अवलोकन से, "
                           "उस महीने का हो या पहले का (उसके बाद की 'कोई खाता नहीं' रिपोर्ट हो या वह बहुत पुराना हो गया "
                           "हो, तो उसके बिना: जिस महीने वह गिनती से बाहर हुआ, वह बताया गया है), जवाब और शिकायतें उस दिन "
                           "तक जैसे गिने जाते। हर ग्रेड के आगे: पिछले महीने के मुक़ाबले किन हिस्सों के अंक बदले।",
                           "Each month's grade from its inputs up to the month's end: activity from each account's "
                           "last observation by then, of that month or before (without it after a later 'no account' "
                           "report, or once it is too old to count: the month it stops counting says so), replies "
                           "and complaints as they counted on that day. Beside each grade: the parts whose points "
                           "moved since the month before."),
    # Heard, "100 to 0" ("100 से 0") left the listener to work out which way the part went.
    "grade_rose": ("{part}: {before} से बढ़कर {now}", "{part}: up from {before} to {now}"),
    "grade_fell": ("{part}: {before} से घटकर {now}", "{part}: down from {before} to {now}"),
    # "गिनती में": no verb to agree with a part's name (जवाब की गति is feminine, समाधान masculine).
    "grade_part_came": ("{part}: अब गिनती में, {now}", "{part}: now counted, {now}"),
    "grade_part_left": ("{part}: {before}, अब गिनती में नहीं", "{part}: {before}, no longer counted"),
    # A month of the grade's history in which an observation stopped counting: which, and why.
    "grade_stopped_too_old": ("{platform} का {day} का अवलोकन अब गिनती में नहीं: वह {days} दिन से पुराना हो गया",
                              "{platform}'s observation of {day} no longer counts: it grew more than {days} days old"),
    "grade_stopped_contradicted": ("{platform} का {day} का अवलोकन अब गिनती में नहीं: बाद की एक रिपोर्ट में कोई "
                                   "खाता नहीं मिला",
                                   "{platform}'s observation of {day} no longer counts: a later report found no "
                                   "account"),
    "zip_heading": ("इस रात के आँकड़ों की सभी फ़ाइलें, एक ZIP में", "Every file of the night's data in one ZIP"),
    "zip_latest": ("यह फ़ाइल हर रात नई बनती है, एक ही नाम से: उद्धरण के लिए नहीं।",
                   "This file is made anew every night under the same name: it is not for citing."),
    "zip_cite": ("उद्धरण के लिए इस रात की स्थायी ZIP लें: {name}, SHA-256 {sha}।",
                 "To cite, take this night's pinned ZIP: {name}, SHA-256 {sha}."),
    # Beside the night's ZIP: the day of its data and its SHA-256 ({sha} is set as code).
    "zip_as_of": ("इसमें {date} तक के आँकड़े हैं।", "Its data is as of {date}."),
    "zip_sha256": ("इस फ़ाइल का SHA-256: {sha}।", "This file's SHA-256: {sha}."),
    "zip_cite_none": ("उद्धरण के लिए नीचे की स्थायी फ़ाइलें लें।", "To cite, take the pinned files below."),
    # The night was made again after its ZIP was pinned (a complaint row typed in): the pinned
    # file holds the night as first made, not these figures.
    "zip_cite_remade": ("यह रात अपनी ZIP ({name}, SHA-256 {sha}) स्थायी होने के बाद दूसरे आँकड़ों के साथ दोबारा बनी: "
                        "वह फ़ाइल रात को वैसा रखती है जैसा वह पहली बार बनी थी, इस फ़ाइल को नहीं। इन आँकड़ों के लिए "
                        "अभी कोई स्थायी फ़ाइल नहीं: उद्धरण में उनकी तारीख़ और पन्ना दें (हर पन्ने का उद्धरण वह फ़ाइल "
                        "बताता है जिसमें उसके आँकड़े हैं), और यह फ़ाइल अपने पास रखें।",
                        "This night was made again, with other figures, after its ZIP ({name}, SHA-256 {sha}) was "
                        "pinned: that file holds the night as first made, not this file. No pinned file holds these "
                        "figures yet: cite them by their date and page (each page's citation names the file that "
                        "holds its figures), and keep a copy of this file."),
    # Tonight's pinned ZIP reaches its release only after the site is online: until then, its copy here.
    "zip_cite_onsite": ("वहाँ अपलोड होने तक यही फ़ाइल {copy} है।", "Until it is uploaded there, the same file is {copy}."),
    "zip_cite_onsite_link": ("इस साइट पर", "on this site"),
    "zip_intro": ("हर CSV, datapackage.json, कार्यप्रणाली और सीमाएँ (दोनों भाषाओं में) और उद्धरण के लिए CITATION.cff। "
                  "CSV में BOM है, इसलिए स्प्रेडशीट में सीधे खोलने पर हिंदी सही दिखती है।",
                  "Every CSV, datapackage.json, the methodology and caveats (both languages) and a CITATION.cff. "
                  "The CSVs start with a BOM, so a spreadsheet opened by double-click shows the Hindi right."),
    # {column} and {dtype} are set as code on the page (downloads.html.j2).
    "zip_account_id": ("{column} 19 अंकों तक का होता है: उसे पाठ के रूप में पढ़ें (pandas में {dtype}), वरना संख्या "
                       "बनकर उसके आख़िरी अंक बदल जाते हैं।",
                       "An {column} has up to 19 digits: read it as text (in pandas, {dtype}), or as a number its "
                       "last digits change."),
    "archive_heading": ("तारीख़ वाली फ़ाइलें (उद्धरण के लिए)", "Dated files, to cite"),
    # Only the observations are compressed: the run record is small, and plain JSON.
    "archive_intro": ("पिछले {days} दिनों की हर रात, जैसे संग्रह हुई, data/archive/YYYY-MM-DD/ में: उस रात के "
                      "अवलोकन (snapshots-<platform>.csv.gz, जगह बचाने के लिए gzip में) और रात का रिकॉर्ड "
                      "(run-<platform>.json, सादा JSON)। पुरानी रातें ऊपर की स्थायी फ़ाइलों में हैं। ये फ़ाइलें "
                      "कभी नहीं बदलतीं; उद्धरण के लिए ऊपर की स्थायी फ़ाइलें लें।",
                      "Each night as collected, for the last {days} days, in data/archive/YYYY-MM-DD/: its "
                      "observations (snapshots-<platform>.csv.gz, gzip-compressed to save room) and its run "
                      "record (run-<platform>.json, plain JSON). Older nights are in the pinned files above. "
                      "These files never change; to cite, take the pinned files above."),
    "pinned_heading": ("हर रात, स्थायी पते पर (उद्धरण के लिए)", "Every night at a permanent address, to cite"),
    "pinned_intro": ("हर रात की एक ZIP: उस रात दिखी handles.csv (स्थिति, रैंक, ग्रेड और आँकड़े), events.csv, "
                     "complaints.csv, उस रात के स्कोरकार्ड जिन जवाबों को गिनते हैं उनकी रोज़ की गिनतियाँ "
                     "(replies-window.csv, नीचे), रात का रिकॉर्ड, जिन अवलोकनों से ये निकले, और manifest.json जिसमें कार्यप्रणाली "
                     "का संस्करण और हर फ़ाइल का SHA-256 है। महीना पूरा होने पर उस महीने के सभी खातों के रोज़ के "
                     "अवलोकन एक फ़ाइल में, हर विभाग की अलग फ़ाइल के साथ। हर फ़ाइल GitHub पर अपनी "
                     "Release में रहती है, एक बार लिखी जाती है और कभी नहीं बदलती।",
                     "One ZIP per night: that night's handles.csv (statuses, ranks, grades and figures as shown), "
                     "events.csv, complaints.csv, the daily counts of the replies its scorecards count "
                     "(replies-window.csv, below), its run record, the observations they were computed from, and a "
                     "manifest.json naming the methodology version and each member's SHA-256. Once a month is "
                     "complete, every account's daily observations of that month in one file, one member per "
                     "department. Each file has a GitHub Release of its own, is written once and never changes."),
    # A pinned ZIP's member described in the data dictionary: where it is, the ZIP's name.
    "member_of": ("{zip} के भीतर", "inside {zip}"),
    "pinned_list": ("पूरी सूची: {list}।", "The whole list: {list}."),
    "pinned_pending": ("अपलोड होने तक इस साइट पर", "on this site until it is uploaded"),
    # A file whose release holds other bytes is never uploaded (pinned_release_differs): its copy
    # here is the file, for good.
    "pinned_onsite_cite": ("इस साइट पर रखी प्रति, हवाले के लिए यही", "the copy on this site, the one to cite"),
    # What the build noticed about a pinned file (publish/pinned.py, Note), on the health page.
    "pinned_note_unreadable": ("पिछली साइट की स्थायी फ़ाइलों की सूची ({name}) पढ़ी नहीं जा सकी; उसमें अपलोड की "
                               "प्रतीक्षा वाली फ़ाइलें नहीं रखी गईं।",
                               "The previous site's list of pinned files ({name}) could not be read; the files it "
                               "listed as awaiting upload were not kept."),
    "pinned_note_differs": ("{name}: आज रात दोबारा बनी फ़ाइल की बाइट पहले स्थायी की गई फ़ाइल से अलग निकलीं; स्थायी "
                            "फ़ाइल वही रहती है, बिना बदले, और जिन पन्नों के आँकड़े बदले वे उसका हवाला नहीं देते।",
                            "{name}: built again tonight with other bytes than the pinned file; the pinned file "
                            "stays as it was, and no page whose figures changed cites it."),
    "pinned_note_lost": ("{name}: अपलोड की प्रतीक्षा में थी, पर इस साइट पर उसकी सही प्रति नहीं मिली; अब सूची में नहीं।",
                         "{name}: it awaited upload, but its copy on this site was not found with its bytes; it is "
                         "no longer listed."),
    "pinned_remade": ("रात बाद में दूसरे आँकड़ों के साथ दोबारा बनी: यह फ़ाइल उसे वैसा रखती है जैसा वह पहली बार बनी थी",
                      "the night was made again since, with other figures: this file holds it as first made"),
    # Its release holds other bytes, for good: the copy on this site is the file (publish.pinned).
    "pinned_release_differs": ("इसकी रिलीज़ में दूसरी बाइट हैं: यह फ़ाइल केवल इस साइट पर",
                               "its release holds other bytes: this file is on this site alone"),
    "pinned_withdrawn": ("हटाई गई: इसमें किसी नागरिक की निजी जानकारी थी", "withdrawn: it held a citizen's personal data"),
    "pinned_shown": ("पिछली {n} रातें और सभी महीने; बाक़ी सूची में।", "The last {n} nights and every month; the rest "
                     "are in the list."),
    "pinned_none": ("अभी तक कोई रात स्थायी पते पर नहीं।", "No night pinned at a permanent address yet."),
    "pinned_health": ("स्थायी पते पर फ़ाइलें", "Files at their permanent address"),
    # Files whose release holds other bytes (publish.pinned, release_differs): never uploaded,
    # so apart from those awaiting upload, for a person to look into.
    "pinned_kept_heading": ("केवल इस साइट पर रखी फ़ाइलें: किसी व्यक्ति को देखना होगा",
                            "Kept on this site only: a person must look"),
    "pinned_kept_intro": ("इनकी रिलीज़ में स्थायी फ़ाइल से अलग बाइट हैं, और रिलीज़ की फ़ाइल कभी बदली नहीं जाती: ये "
                          "अपलोड नहीं होंगी, और इनकी प्रति इसी साइट पर रहती है, जब तक कोई व्यक्ति दोनों की तुलना करके "
                          "तय न करे।",
                          "Their release holds other bytes than the pinned file, and a release's file is never "
                          "overwritten: they will not be uploaded, and their copy stays on this site until a person "
                          "compares the two and decides."),
    "pinned_counts": ("{listed} फ़ाइलें सूची में; {pending} अपलोड होने की प्रतीक्षा में (हर रात फिर कोशिश होती है)।",
                      "{listed} files listed; {pending} awaiting upload (tried again every night)."),
    # Beside the night's ZIP, which holds the figures entered by hand: not "no data".
    "archive_none": ("इस डेटा में अभी कोई रात का संग्रह (X से अपने आप पढ़े आँकड़े) नहीं; ऊपर की ZIP में रिपोर्टों से "
                     "हाथ से दर्ज आँकड़े हैं।",
                     "No night of collection (figures the collector read from X) in this data yet; the ZIP above "
                     "holds the figures entered by hand from reports."),
    "machine_heading": ("प्रोग्रामों के लिए", "For programs"),
    "search_json": ("खोज पन्ने की विभाग-सूची", "the search page's list of departments"),
    "state_csv": ("handles.csv की एक राज्य की पंक्तियाँ, हर कॉलम के साथ: उस राज्य की खातों की सूची की फ़ाइल",
                  "one state's rows of handles.csv, every column: the file of that state's list of accounts"),
    "league_json": ("एक राज्य की तालिका की पंक्तियाँ, इस भाषा में लिखे आँकड़ों के साथ (सभी खातों की तालिका इन्हें "
                    "छाँटती है); all.json में पूरे देश की",
                    "one state's rows of the league table, each figure beside its text in this language (the table "
                    "of all accounts sorts them); all.json holds the whole country's"),
    "build_json": ("इस बार की हर मुख्य फ़ाइल की पंक्तियाँ और आकार; अगली रात इससे तुलना होती है",
                   "rows and bytes of each everything-file of this build; the next night compares with it"),
    "caveats_link": ("ये आँकड़े क्या नहीं बताते", "What these figures cannot tell"),
    "by_resolution": ("समाधान दर के अनुसार", "By resolution rate"),
    "by_pending": ("लंबित शिकायतों के अनुसार", "By pending backlog"),
    # Not "no department reaches the threshold": one may, and be alone in its band.
    "none_ranked": ("अभी कोई विभाग क्रम में नहीं: क्रम के लिए एक ही वर्ग में कम से कम दो ऐसे विभाग चाहिए जो ऊपर की "
                    "हर शर्त पूरी करें।",
                    "No department is ranked yet: a ranking needs at least two departments of one band that meet "
                    "every condition above."),
    "none_ranked_why": (" नीचे हर विभाग के क्रम से बाहर होने का कारण है।", " Below, why each department is not ranked."),
    "rank": ("क्रम", "Rank"),
    "export_short": ("ट्रैकर निर्यात", "tracker export"),
    "replies_heading": ("नागरिकों को जवाब", "Replies to citizens"),
    "citizen_mentions": ("नागरिकों के उल्लेख", "Citizen mentions"),
    "answered": ("जवाब दिए", "Answered"),
    "within_hour": ("एक घंटे के भीतर जवाब", "Answered within an hour"),
    "median_reply": ("जवाब का मध्य समय (मिनट)", "Median minutes to reply"),
    "replies_account": ("मापा गया खाता", "Account measured"),
    "replies_accounts": ("मापे गए खाते", "Accounts measured"),
    "replies_and": (" और ", " and "),
    "replies_together": (": मिलाकर, जैसे ग्रेड इन्हें गिनता है", ": together, as the grade counts them"),
    "replies_each": ("हर खाते के अपने आँकड़े", "Each account's own figures"),
    "replies_source": ("प्लैटफ़ॉर्म से रोज़ गिने गए नागरिकों के उल्लेख और खाते के जवाब, सिर्फ़ संख्याएँ (replies.csv)",
                       "citizens' mentions of the account and its replies, counted day by day from the platform, "
                       "counts only (replies.csv)"),
    "no_complaints": ("इस विभाग के शिकायत आँकड़े उपलब्ध नहीं।", "No complaint figures for this department."),
    "channel": ("माध्यम", "Channel"),
    "period": ("अवधि", "Period"),
    "received": ("प्राप्त", "Received"),
    "resolved": ("हल हुईं", "Resolved"),
    "rejected": ("अस्वीकृत", "Rejected"),
    "pending": ("लंबित", "Pending"),
    "duplicates": ("दोहराव", "Duplicates"),
    "resolution_rate": ("समाधान दर", "Resolution rate"),
    "reported_rate": ("स्रोत द्वारा बताई दर", "Rate reported by source"),
    "median_response": ("पहले जवाब का मध्य समय (मिनट)", "Median minutes to first response"),
    "mismatch": ("स्रोत की बताई दर ({reported}\u00a0%) गिनती से निकली दर ({computed}\u00a0%) से मेल नहीं खाती",
                 "the rate the source reports ({reported}\u00a0%) does not match the counts ({computed}\u00a0%)"),
    "of_disposed": ("स्रोत द्वारा बताई दर ({reported}\u00a0%) उन शिकायतों पर है जिनका निपटारा हो चुका (प्राप्त − लंबित): "
                    "हल ÷ (प्राप्त − लंबित) = {disposed}\u00a0%; सभी प्राप्त शिकायतों पर यह {computed}\u00a0% है",
                    "The rate the source reports ({reported}\u00a0%) is of the complaints disposed of: resolved ÷ "
                    "(received − pending) = {disposed}\u00a0%; of all received it is {computed}\u00a0%"),
    "exceeds": ("हल, अस्वीकृत और लंबित का जोड़ प्राप्त से अधिक है",
                "resolved, rejected and pending add up to more than received"),
    "hidden_cell": ("छिपाया गया (निजता)", "hidden (privacy)"),
    "hidden_cell_note": ("“छिपाया गया” लिखी गिनतियाँ इतनी छोटी हैं कि उनसे किसी व्यक्ति की पहचान हो सकती है, या उन्हें "
                         "छिपाए बिना ऐसी गिनती बाक़ी आँकड़ों से निकाली जा सकती थी। “–” का अर्थ है कि स्रोत ने यह आँकड़ा "
                         "नहीं बताया।",
                         "“Hidden” counts are small enough to point to a person, or would give such a count back "
                         "from the other figures. “–” means the source did not report the figure."),
    "withdrawn_month": ("{date} को वापस लिया गया: {reason}", "Withdrawn on {date}: {reason}"),
    "rate_formula": ("समाधान दर = हल ÷ प्राप्त × 100", "Resolution rate = resolved ÷ received × 100"),
    "grade_heading": ("ग्रेड और उसके आधार", "Grade and its inputs"),
    # Under the home page's counts: most of a young registry is "unknown", which says nothing by itself.
    "unknown_means": ("“अज्ञात” यानी हम नहीं बता सकते कि खाते ने आख़िरी बार कब पोस्ट किया: उसे अभी तक देखा नहीं "
                      "गया, या जिस स्रोत से उसके आँकड़े आए उसमें आख़िरी पोस्ट की तारीख़ नहीं थी। ऐसे खाते सक्रिय, "
                      "धीमे या सुप्त में नहीं गिने जाते।",
                      "“Unknown” means we cannot tell when the account last posted: it has not been observed yet, "
                      "or the source of its figures did not give the date of its last post. Such accounts are "
                      "counted as neither active, slow nor dormant."),
    "statuses_defined": ("हर स्थिति का नियम", "What each status means"),
    # What the letter means, beside it: a citizen should not need the methodology to read it.
    "grade_means_top": ("{grade} यानी 100 में से {low} या अधिक अंक: पाँच ग्रेड (A से F) में सबसे अच्छा",
                        "{grade} means a score of {low} or more out of 100: the best of five grades (A to F)"),
    "grade_means_mid": ("{grade} यानी 100 में से {low} या अधिक, पर {high} से कम अंक; ग्रेड A (सबसे अच्छा) से F "
                        "(सबसे कमज़ोर) तक पाँच हैं",
                        "{grade} means a score of {low} or more but under {high} out of 100; the five grades run "
                        "from A (best) to F (weakest)"),
    "grade_means_bottom": ("{grade} यानी 100 में से {high} से कम अंक: पाँच ग्रेड (A से F) में सबसे कमज़ोर",
                           "{grade} means a score under {high} out of 100: the weakest of five grades (A to F)"),
    "grade_none": ("ग्रेड के लिए खाते की स्थिति ज्ञात होनी चाहिए।",
                   "A grade needs the account's status to be known."),
    "grade_none_value": ("कोई ग्रेड नहीं", "no grade"),  # what a dispute of a missing grade quotes
    "grade_ask_handle": ("विभाग का कोई खाता है जिसका हैंडल यहाँ नहीं? हैंडल भेजने का तरीक़ा:",
                         "Does the department have an account whose handle is not here? How to send it:"),
    "activity": ("सक्रियता", "Activity"),
    "responsiveness": ("जवाब की गति", "Responsiveness"),
    "resolution": ("समाधान", "Resolution"),
    "score": ("अंक", "Score"),
    "part": ("भाग", "Part"),
    "weight": ("भार", "Weight"),
    "points": ("कुल अंक में हिस्सा", "Points of the score"),
    "not_available": ("उपलब्ध नहीं", "not available"),
    "sources": ("स्रोत", "Sources"),
    "download_dept": ("इस विभाग का CSV डाउनलोड करें", "Download this department's CSV"),
    "download_state_row": ("इस विभाग की स्थिति, ग्रेड और रैंक: {state} की सूची की CSV फ़ाइल",
                           "This department's status, grade and ranks: the CSV file of {state}'s list"),
    "parent": ("ऊपर का विभाग", "Reports to"),
    "children": ("अधीन विभाग", "Units under it"),
    "accounts": ("खाते", "Accounts"),
    "other_lang": ("English", "हिन्दी"),
    "schemas_note": ("हर फ़ाइल और उसकी तालिका; एक जैसे कॉलम वाली फ़ाइलें data/schemas/ में एक ही विवरण साझा करती हैं",
                     "every file and its table; files with the same columns share one schema in data/schemas/"),
    "downloads_easy": ("सबसे आसान: एक स्प्रेडशीट", "The easy way: one spreadsheet"),
    # {size}: the file's size, inside the one bracket (a second bracket beside it read as a stutter).
    "downloads_easy_all": ("हमारी सूची के सभी खाते, पूरे देश के, स्थिति, फ़ॉलोअर और ग्रेड के साथ (handles.csv, "
                           "{size}: Excel, Google Sheets या LibreOffice में खोलें)",
                           "Every account in our registry, all of India, with its status, followers and grade "
                           "(handles.csv, {size}: opens in Excel, Google Sheets or LibreOffice)"),
    "downloads_easy_state": ("अपने राज्य के खाते, वही कॉलम:", "Your state's accounts, the same columns:"),
    "downloads_all_files": ("सभी फ़ाइलें", "All files"),
    "downloads_easy_department": ("किसी विभाग के हर दिन के आँकड़े: उसके स्कोरकार्ड पर “{sources}” के नीचे “{link}”।",
                                  "A department's figures day by day: “{link}” under “{sources}” on its scorecard."),
    "downloads_intro": ("सभी आँकड़े CSV में, स्थिर कॉलम के साथ। विवरण datapackage.json (Frictionless) में भी है।",
                        "All figures as CSV with stable columns, also described in datapackage.json (Frictionless)."),
    "file": ("फ़ाइल", "File"),
    "columns": ("कॉलम", "Columns"),
    "description": ("विवरण", "Description"),
    "type": ("प्रकार", "Type"),
    "rows_shown": ("कुल {total} में से {first}–{last}", "{first}–{last} of {total}"),
    "pages": ("पन्ने", "Pages"),
    "previous": ("पिछला", "Previous"),
    "next": ("अगला", "Next"),
    "observations_table": ("हर दिन के अवलोकन, तालिका में", "Every day's observation, as a table"),
    "recent_caption": ("नवीनतम अवलोकन तक के {days} दिनों के अवलोकन",
                       "Observations of the {days} days up to the latest one"),
    # The latest one dated by a day that stands in for its month or year: the days are not known.
    "recent_caption_approx": ("नवीनतम अवलोकन (जिसका केवल महीना या साल ज्ञात है) तक के लगभग {days} दिनों के अवलोकन",
                              "Observations of about the {days} days up to the latest one (known to its month or "
                              "year only)"),
    "monthly_caption": ("इससे पहले: हर महीने का आख़िरी अवलोकन", "Before that: the last observation of each month"),
    "month": ("महीना", "Month"),
    "full_history": ("इतिहास CSV में", "The history as CSV"),
    "complaints_csv": ("शिकायतों के आँकड़े CSV में", "The complaint figures as CSV"),
    "complaints_compared": ("सभी विभागों के शिकायत आँकड़ों की तुलना", "Complaint figures of all departments compared"),
    "history_note": ("हर विभाग की फ़ाइल में पिछले 400 दिनों का हर दिन है, उस महीने की पहली तारीख़ से जिसमें ये 400 दिन "
                     "शुरू होते हैं; उससे पहले हर खाते का हर महीने का आख़िरी सही (त्रुटि नहीं) अवलोकन, हर हाथ से दर्ज "
                     "आँकड़ा और हर वह पंक्ति जिसमें खाते की स्थिति (ठीक, निलंबित, नहीं मिला) बदली। इससे फ़ाइल बिना अंत "
                     "नहीं बढ़ती, और कोई रात सिर्फ़ उन्हीं विभागों की फ़ाइलें बदलती है जिन्हें उस रात देखा गया (और "
                     "महीने में एक बार सभी)।",
                     "Each department's file holds every day of the last 400 days, from the first day of the month "
                     "they begin in; before that, per account, each month's last good (not error) observation, every "
                     "hand-entered figure and every row where the account's state (ok, suspended, not found) "
                     "changed. So the file does not grow without end, and a night changes only the files of the "
                     "departments it observed (and, once a month, every file)."),
    "history_complete": ("पूरा दैनिक रिकॉर्ड हर रात की स्थायी फ़ाइलों में है",
                         "The complete daily record is in every night's permanent files"),
    "departments_files": ("हर विभाग की अलग फ़ाइल: data/departments/&lt;id&gt;.csv",
                          "One file per department: data/departments/&lt;id&gt;.csv"),
}


def texts(lang: str) -> dict[str, str]:
    """Every text in `lang`: a copy of the one table per language, which is picked from TEXT
    once per process (a build asks some 200 times, each page family and helper for its own)."""
    return dict(_texts(lang))


@functools.cache
def _texts(lang: str) -> dict[str, str]:
    # Called only once the module is imported, when TEXT holds every entry below.
    return {key: pick(pair, lang) for key, pair in TEXT.items()}

# The verify page, its accounts files and the scorecard's badge (render/verify.py, render/badges.py).
TEXT.update({
    "verify": ("हैंडल जाँचें", "Verify a handle"),
    "verify_intro": ("पुलिस या किसी अधिकारी के नाम से आया खाता असली है? उसका हैंडल लिखें: हम बताएँगे कि वह हमारी सूची "
                     "में किस विभाग का है, और आधिकारिक है या अपुष्ट। जाँच आपके ब्राउज़र में होती है; आपका लिखा कहीं "
                     "नहीं भेजा जाता।",
                     "Is an account that speaks for the police or an official the real one? Type its handle: we say "
                     "which department of our registry it belongs to, and whether it is official or unverified. The "
                     "check runs in your browser; what you type is sent nowhere."),
    "verify_label": ("हैंडल या प्रोफ़ाइल की कड़ी", "Handle or profile link"),
    "verify_placeholder": ("हैंडल, या x.com की कड़ी", "a handle, or an x.com link"),
    "verify_button": ("जाँचें", "Check"),
    "verify_empty": ("पहले हैंडल लिखें।", "Type a handle first."),
    "verify_loading": ("सूची आ रही है…", "Loading the registry…"),
    "verify_failed": ("सूची नहीं आ सकी। हाथ से जाँचें: सभी खातों की तालिका में विभाग ढूँढ़ें और उसका हैंडल मिलाएँ।",
                      "The registry could not be loaded. Check by hand: find the department in the table of all "
                      "accounts and compare its handle."),
    "verify_found": ("@{handle} हमारी सूची में है: {department} का {platform} खाता।",
                     "@{handle} is in our registry: the {platform} account of {department}."),
    "verify_renamed": ("@{handle} पहले {department} के {platform} खाते का हैंडल था; वह खाता अब @{now} है। जो खाता "
                       "आज @{handle} नाम से चलता है, वह विभाग का न भी हो: भरोसा केवल @{now} पर करें।",
                       "@{handle} used to be the handle of the {platform} account of {department}; that account is "
                       "now @{now}. Whoever uses @{handle} today may not be the department: trust only @{now}."),
    "verify_renamed_current": ("अभी का हैंडल: @{now} — यही विभाग का पुष्ट खाता है। पुराना हैंडल @{handle} अब विभाग का "
                               "नहीं है।",
                               "Current handle: @{now}, the department's confirmed account. The old handle @{handle} "
                               "is no longer the department's."),
    "verify_renamed_current_unverified": ("अभी का हैंडल: @{now} (अपुष्ट: विभाग ने इसकी पुष्टि नहीं की)। पुराना हैंडल "
                                          "@{handle} अब इस खाते का नहीं है।",
                                          "Current handle: @{now} (unverified: the department has not confirmed "
                                          "it). The old handle @{handle} no longer belongs to this account."),
    "verify_official": ("आधिकारिक: हमारी सूची में यह विभाग का पुष्ट खाता है।",
                        "Official: our registry lists it as the body's confirmed account."),
    "verify_unverified": ("अपुष्ट: किसी सार्वजनिक सूची (समाचार, निर्देशिका या डेटासेट) ने यह हैंडल इस विभाग का बताया है, "
                          "पर विभाग ने स्वयं इसकी पुष्टि नहीं की है। इसे पैसे, OTP या निजी जानकारी न दें।",
                          "Unverified: a public list (a news report, a directory or a dataset) names this "
                          "handle for the body, "
                          "but the body itself has not confirmed it. Do not give it money, an OTP or personal "
                          "details."),
    "verify_status": ("स्थिति: {status}", "Status: {status}"),
    "verify_shared": ("यह खाता {department} भी चलाता है।", "{department} runs this account too."),
    "verify_since": ("हमारे आँकड़ों में {date} से।", "In our figures since {date}."),
    "verify_source": ("सबूत: {source}", "Evidence: {source}"),
    "verify_listed": ("जहाँ यह सूचीबद्ध मिला: {source}", "Where it is listed: {source}"),
    # On a scorecard, under each handle: what the official page promises is shown there.
    "handle_evidence": ("आधिकारिक होने का सबूत", "Evidence that it is official"),
    "handle_listed": ("यह हैंडल जहाँ सूचीबद्ध मिला", "Where this handle is listed"),
    "verify_no_source": ("इस हैंडल का स्रोत दर्ज नहीं।", "No source is recorded for this handle."),
    "verify_as_of": ("हमारी सूची, आँकड़े {date} तक।", "Our registry, figures as of {date}."),
    "shared_account": ("यह खाता {departments} के साथ साझा है: दोनों विभाग इसे चलाते हैं। दोनों विभागों के स्कोरकार्ड और "
                       "इतिहास की फ़ाइलें इसका हर अवलोकन दिखाती हैं, वह जिस भी विभाग के नाम दर्ज हो; गिनती और "
                       "तालिकाओं में यह एक ही बार गिना जाता है।",
                       "This account is shared with {departments}: both departments run it. Both departments' "
                       "scorecards and history files show every observation of it, whichever of them it is filed "
                       "under; counts and tables hold it once."),
    "shared_with": ("{departments} के साथ साझा", "shared with {departments}"),
    "verify_unknown": ("@{handle} हमारी सूची में नहीं है।", "@{handle} is not in our registry."),
    "verify_unknown_on": ("@{handle} {platform} पर हमारी सूची में नहीं है: यह कड़ी {platform} की है, और वहाँ हमारी "
                          "सूची में इस नाम का कोई सरकारी खाता नहीं।",
                          "@{handle} is not in our registry for {platform}: this link is to {platform}, and our "
                          "registry has no government account of that name there."),
    "verify_advice": ("इसका मतलब यह नहीं कि खाता नकली ही है (हमारी सूची अधूरी हो सकती है), पर इसे सरकारी मानकर "
                      "पैसे, OTP या निजी जानकारी न दें। धोखाधड़ी हुई हो, या कोई पुलिस या अधिकारी बनकर पैसे या OTP "
                      "माँगे, तो:",
                      "This does not prove the account is fake (our registry may be incomplete), but do not treat it "
                      "as the government's: send it no money, OTP or personal details. If you were defrauded, or "
                      "someone posing as the police or an official asks for money or an OTP:"),
    "verify_if_unknown": ("अगर हैंडल हमारी सूची में नहीं है:", "If the handle is not in our registry:"),
    "verify_call": ("1930 पर कॉल करें: राष्ट्रीय साइबर अपराध हेल्पलाइन", "call 1930, the national cyber crime helpline"),
    "verify_portal": ("https://cybercrime.gov.in पर शिकायत दर्ज करें: राष्ट्रीय साइबर अपराध रिपोर्टिंग पोर्टल",
                      "report it at https://cybercrime.gov.in, the National Cyber Crime Reporting Portal"),
    "verify_channels": ("और राष्ट्रीय हेल्पलाइन:", "Other national helplines:"),
    "verify_by_hand": ("यह जाँच इस ब्राउज़र में नहीं चलती। हाथ से जाँचें:",
                       "This check needs JavaScript. Without it, check by hand:"),
    "verify_hand_accounts": ("सभी खातों की तालिका में विभाग ढूँढ़ें और उसका हैंडल मिलाएँ",
                             "find the department in the table of all accounts and compare its handle"),
    "verify_hand_places": ("या राज्य और ज़िले से विभाग के पन्ने तक पहुँचें", "or go to its page by state and district"),
    "verify_hand_downloads": ("या handles.csv या api/accounts/x.json डाउनलोड करके हैंडल खोजें",
                              "or download handles.csv or api/accounts/x.json and look the handle up"),
    "badge_heading": ("बैज", "Badge"),
    "badge_intro": ("अपनी वेबसाइट पर यह बैज लगाएँ: आँकड़े बदलने पर यह अपने आप बदलता है। नीचे का HTML कॉपी करके "
                    "चिपकाएँ।", "Put this badge on your website: it changes by itself as the figures do. Copy and "
                    "paste the HTML below."),
    "badge_code": ("बैज का HTML", "The badge's HTML"),
    "badge_alt": ("{name}: {platform} खाते की स्थिति, जवाबदेही पर", "{name}: status of its {platform} account, "
                  "on Jawabdehi"),
    "badge_followers": ("{n} फ़ॉलोअर", "{n} followers"),
    "badge_reply": ("जवाब: {when}", "replies in {when}"),
    "badge_unanswered": ("मापे गए उल्लेखों का जवाब नहीं", "answered no mention measured"),
    "badge_source": ("जवाबदेही, {when} देखा", "Jawabdehi, seen {when}"),
    "badge_reported": ("{source} के अनुसार", "per {source}"),
    "badge_newer_report": ("बाद की रिपोर्ट: कोई खाता नहीं", "later report: no account"),
    "badge_not_checked": ("तब से दोबारा नहीं जाँचा गया", "not checked again since"),
    "badge_registry": ("हमारी सूची में कोई खाता नहीं", "No account in our registry"),
    "a_report": ("एक रिपोर्ट", "a report"),
    "api_heading": ("हैंडल जाँचने के लिए: api/accounts", "For verifying handles: api/accounts"),
    "api_intro": ("हर प्लैटफ़ॉर्म की एक JSON फ़ाइल (platform, as_of: उस प्लैटफ़ॉर्म का सबसे नया अवलोकन; "
                  "as_of_precision: month या year, जहाँ वह दिन केवल ऐसी रिपोर्टें देती हैं जो दिन नहीं बतातीं "
                  "और वह उनके महीने या साल की जगह लेता है, दिन हो तो यह नहीं लिखा जाता; accounts): "
                  "सूची का हर हैंडल, "
                  "उसका विभाग, स्थिति, आधिकारिक है या अपुष्ट, और स्रोत। दूसरी साइटें और बॉट इसे सीधे पढ़ सकते हैं; "
                  "'हैंडल जाँचें' पन्ना भी यही पढ़ता है। नाम बदलने के बाद भी खाता earlier_handles से पहचाना जाता है।",
                  "One JSON file per platform (platform, as_of: that platform's newest observation; "
                  "as_of_precision: month or year where only reports that give no day give that day, standing "
                  "in for their month or year, left out of a day; accounts): "
                  "every handle of the registry with its department, status, whether it is official or "
                  "unverified, and its source. Other sites and bots may read it directly; the Verify a handle "
                  "page reads it too. A renamed account is still recognised through earlier_handles."),
})

# The fields of api/accounts/<platform>.json, Hindi first.
API_FIELDS = {
    "handle": ("हैंडल, @ के बिना, जैसा खाता अभी लिखता है", "Handle without @, as the account spells it now"),
    "account_id": ("प्लैटफ़ॉर्म की स्थायी खाता-पहचान; ज्ञात न हो तो `null`",
                   "The platform's immutable account id; null until known"),
    "department_id": ("विभाग की स्थायी पहचान (स्लग)", "Stable slug of the department"),
    "department_name_en": ("विभाग का नाम अंग्रेज़ी में", "Department name in English"),
    "department_name_hi": ("विभाग का नाम हिंदी में", "Department name in Hindi"),
    "state": ("राज्य का ISO 3166-2 कोड (केंद्र के लिए IN)", "ISO 3166-2 state code (IN for union bodies)"),
    "district": ("ज़िला; राज्य-स्तर के विभागों के लिए `null`", "District; null for state-level bodies"),
    "status": ("स्थिति: `active`, `slow`, `dormant`, `abandoned`, `suspended`, `not_found` या `unknown`",
               "active, slow, dormant, abandoned, suspended, not_found or unknown"),
    "official": ("`yes` (आधिकारिक), या `unverified` (किसी सार्वजनिक स्रोत में दर्ज, विभाग से पुष्ट नहीं)",
                 "yes, or unverified (listed by a public source, not confirmed by the body)"),
    "source": ("हैंडल का स्रोत, जैसा सूची में लिखा है (कड़ी या source:<id>)",
               "Where the handle is listed, as the registry cites it (a link or source:<id>)"),
    "source_url": ("स्रोत की कड़ी; न हो तो `null`", "Link to the source; null when there is none"),
    "source_title": ("source:<id> वाले स्रोत का शीर्षक, प्रकाशक और तारीख़; वरना `null`",
                     "Title, publisher and date of a source:<id>; null otherwise"),
    "since": ("हमारे आँकड़ों में इस खाते का पहला अवलोकन; न हो तो `null`",
              "First observation of the account in our figures; null when never observed"),
    "earlier_handles": ("इसी खाते के पहले के हैंडल, पुराने पहले", "Handles the same account had before, oldest first"),
    "shared_with": ("यह खाता साथ चलाने वाले दूसरे विभाग (department_id, नाम, scorecard); साझा न हो तो ख़ाली सूची",
                    "The other departments that run this same account (department_id, names, scorecard); an "
                    "empty list when it is not shared"),
    "scorecard": ("विभाग का स्कोरकार्ड, साइट की जड़ से (अंग्रेज़ी पन्ने en/ के नीचे)",
                  "The department's scorecard, from the site root (English pages under en/)"),
}

# Change events (compute/events.py): the Atom feeds, the home page's week and each scorecard's history.
TEXT.update({
    "week_heading": ("सबसे नए बदलाव", "The latest changes"),
    "week_span": ("{first} से {last} तक दर्ज बदलाव, नए पहले।", "Changes recorded from {first} to {last}, newest first."),
    # Of a week ending on a report's day that stands in for its month or year ('about Nov 2016').
    "week_span_until": ("{last} तक दर्ज बदलाव, नए पहले।", "Changes recorded up to {last}, newest first."),
    "week_none": ("इन सात दिनों में कोई बदलाव दर्ज नहीं।", "No change recorded in these seven days."),
    "events_heading": ("घटनाओं का इतिहास", "History of events"),
    "events_shown": ("नई पहले; यहाँ आख़िरी {n} तक।", "Newest first; the last {n} at most."),
    "events_csv": ("सभी घटनाएँ CSV में (events.csv)", "Every event as CSV (events.csv)"),
    "feed_link": ("बदलावों की फ़ीड (Atom)", "Feed of changes (Atom)"),
    "feed_link_state": ("{state} में बदलावों की फ़ीड (Atom)", "Feed of changes in {state} (Atom)"),
    "feed_title": ("जवाबदेही: बदलाव", "Jawabdehi: changes"),
    "feed_title_state": ("जवाबदेही: {state} में बदलाव", "Jawabdehi: changes in {state}"),
    "feed_subtitle": ("सरकारी सोशल-मीडिया खातों में दर्ज बदलाव, नए पहले; केवल आख़िरी {n}। सभी बदलाव data/events.csv "
                      "में हैं।", "Changes recorded in government social-media accounts, newest first; the last {n} "
                      "only. Every change is in data/events.csv."),
})

# One sentence per kind of event: {name} of the department, {platform}; Hindi first. In
# English the name leads, then a colon: "Economic Offences Unit, Bihar's X account" misreads.
EVENT = {
    "new_account": ("{name} का {platform} खाता पहली बार दर्ज हुआ", "{name}: {platform} account recorded for the "
                    "first time"),
    "renamed": ("{name} के {platform} खाते का हैंडल बदला", "{name}: {platform} account changed its handle"),
    "gone": ("{name} का {platform} खाता अब उपलब्ध नहीं", "{name}: {platform} account is gone"),
    "dormant": ("{name} का {platform} खाता सुप्त हुआ", "{name}: {platform} account went dormant"),
    "abandoned": ("{name} का {platform} खाता परित्यक्त हुआ", "{name}: {platform} account abandoned"),
    "revived": ("{name} का {platform} खाता फिर सक्रिय हुआ", "{name}: {platform} account is active again"),
    "follower_jump": ("{name} के {platform} खाते के फ़ॉलोअर अचानक बढ़े", "{name}: {platform} followers jumped"),
    "follower_drop": ("{name} के {platform} खाते के फ़ॉलोअर अचानक घटे", "{name}: {platform} followers dropped"),
    "posts_deleted": ("{name} के {platform} खाते से पोस्ट हटाई गईं", "{name}: posts deleted from its {platform} "
                      "account"),
}
# What changed, from {before} to {after}: handles, statuses or counts, already in words.
EVENT_DETAIL = {
    "new_account": ("हैंडल {after}", "handle {after}"),
    "renamed": ("{before} से {after}", "from {before} to {after}"),
    "gone": ("पहले {before}, अब {after}", "was {before}, now {after}"),
    "dormant": ("पहले {before}, अब {after}", "was {before}, now {after}"),
    "revived": ("पहले {before}, अब {after}", "was {before}, now {after}"),
    "follower_jump": ("{before} से {after}, पिछले अवलोकन के बाद", "from {before} to {after} since the previous "
                      "observation"),
    "follower_drop": ("{before} से {after}, पिछले अवलोकन के बाद", "from {before} to {after} since the previous "
                      "observation"),
    "posts_deleted": ("कुल पोस्ट {before} से घटकर {after}", "post count down from {before} to {after}"),
}
COLUMNS_HI.update({
    "shared_with": ("वही खाता चलाने वाले दूसरे विभाग, उनकी पहचान ';' से अलग (हर विभाग की अपनी पंक्ति, वही आँकड़े; "
                    "गिनतियाँ, क्रम और सूचियाँ खाते को एक बार गिनती हैं)"),
    "publication_hi": "प्रकाशक का नाम हिंदी में",
    "note_hi": "वही नोट हिंदी में, हिंदी पन्नों के लिए (जहाँ यह ख़ाली है, वहाँ अंग्रेज़ी नोट दिखता है)",
    "reason_hi": "वही कारण हिंदी में, हिंदी पन्नों के लिए (जहाँ यह ख़ाली है, वहाँ अंग्रेज़ी कारण दिखता है)",
    "event_id": "बदलाव की स्थायी पहचान: department_id/platform/kind/date",
    "kind": "बदलाव का प्रकार: `new_account` (यहाँ खाते का पहला अवलोकन, खाता खुलने का दिन नहीं), `renamed` (वही खाता, "
            "नया हैंडल), `gone` (निलंबित या नहीं मिला), "
            "`dormant` (सक्रिय या धीमे से सुप्त या परित्यक्त), `revived` (फिर सक्रिय), `follower_jump` या `follower_drop` "
            "(एक गिनती से अगली तक तय हिस्से से बड़ा बदलाव; किसी रिपोर्ट के आँकड़े तक या उससे केवल "
            "7 दिन के भीतर), `posts_deleted` (पोस्ट की गिनती घटी)",
    "before": "पहले का मान: हैंडल, स्थिति, फ़ॉलोअर या पोस्ट की गिनती; पहली बार दर्ज खाते के लिए ख़ाली",
    "after": "बाद का मान: हैंडल, स्थिति, फ़ॉलोअर या पोस्ट की गिनती",
})
# Where one column name holds something else in another table: a department's history file
# has a row per observation, its `state` the lookup's outcome (handles.csv's is the state).
COLUMNS_HI_IN = {
    ("snapshots", "state"): "जाँच का नतीजा: `ok`, `suspended`, `not_found`, `protected` या `error`",
    ("snapshots", "handle"): "अवलोकन के समय का हैंडल",
    ("snapshots", "followers"): ("उस अवलोकन में फ़ॉलोअर संख्या; रिपोर्ट की गिनती उसकी संख्या के रूप में, वहाँ भी जहाँ "
                                 "रिपोर्ट उसे सीमा के रूप में बताती है ('7 लाख से अधिक'): विभाग की इतिहास-फ़ाइल उसके साथ "
                                 "यह बताती है (followers_bound), जैसे स्कोरकार्ड और handles.csv बताते हैं, और "
                                 "bounded-followers.csv (डाउनलोड में, और data फ़ोल्डर में) उन्हें गिनाती है"),
    ("snapshots", "source"): "`x-api` (रात का संग्रह) या `manual` (हाथ से दर्ज)",
    ("snapshots", "source_url"): "आँकड़े का स्रोत",
    ("handles", "source_url"): "सबसे नए अवलोकन का स्रोत; जिस खाते का कभी अवलोकन नहीं हुआ, उसकी सूची-प्रविष्टि का स्रोत",
    ("corrections", "source_url"): "सुधार का प्रमाण",
    ("replies", "date"): "वह UTC दिन जिसके उल्लेख गिने गए",
    ("corrections", "date"): "सुधार का दिन",
    ("events", "date"): "बदलाव दिखाने वाले अवलोकन का दिन (जहाँ स्रोत दिन नहीं बताता, वहाँ जगह लेने वाला दिन, जैसे "
                        "विभाग की फ़ाइल में)",
    ("snapshots", "date"): ("अवलोकन का दिन; जिस स्रोत ने दिन नहीं बताया उसके आँकड़े के लिए उसके महीने या साल की जगह "
                           "लेने वाला दिन (source_url के स्रोत का sources.csv में date_precision; विभाग की इतिहास-फ़ाइल "
                           "अपने date_precision में यह बताती है)"),
    # The history file's own columns (schema.HISTORY): how its row is read, as the scorecard reads it.
    ("snapshots", "date_precision"): ("`day`; या `month` या `year`, जहाँ date किसी ऐसे स्रोत के महीने या साल की जगह लेने "
                                      "वाला दिन है जो दिन नहीं बताता (sources.csv का date_precision), handles.csv के "
                                      "followers_on_precision की तरह: `year` के साथ 2017-07-01 का अर्थ '2017' है, `month` "
                                      "के साथ 2016-10-01 का 'अक्टूबर 2016'"),
    ("snapshots", "followers_bound"): ("हाथ से दर्ज फ़ॉलोअर-संख्या का स्रोत उसे सटीक न बताए तो कैसे बताता है: `more_than` "
                                       "('7 लाख से अधिक'), `at_most` या `about`, handles.csv के followers_bound की तरह; "
                                       "followers तब स्रोत की दी हुई संख्या है। सटीक हो या देखी गई हो तो ख़ाली"),
}


def column_hi(table: str, column: str, english: str) -> str:
    """What a published column holds, in Hindi: the table's own sense of the name first."""
    return COLUMNS_HI_IN.get((table, column)) or COLUMNS_HI.get(column, english)


FILES_HI["bounded-followers.csv"] = ("हाथ से दर्ज फ़ॉलोअर गिनतियाँ जिन्हें उनका स्रोत केवल सीमा के रूप में बताता है (विभाग की "
                                     "इतिहास-फ़ाइल संख्या देती है, उसके साथ सीमा भी)")
COLUMNS_HI_IN[("bounded_followers", "department_id")] = "हाथ से दर्ज उस अवलोकन का विभाग (स्लग)"
COLUMNS_HI_IN[("bounded_followers", "platform")] = "उस अवलोकन का प्लैटफ़ॉर्म"
COLUMNS_HI_IN[("bounded_followers", "date")] = "उस अवलोकन का दिन"
COLUMNS_HI_IN[("bounded_followers", "bound")] = ("स्रोत फ़ॉलोअर गिनती कैसे बताता है: `more_than` ('7 लाख से अधिक'), "
                                                 "`at_most` ('अधिकतम') या `about` ('लगभग')")

# As nights.REPLIES_TITLE.
FILES_HI["replies-window.csv"] = (f"नागरिकों के उल्लेखों पर जवाब जिन्हें उस रात के स्कोरकार्ड गिनते हैं: हर विभाग के "
                                  f"आख़िरी {REPLY_WINDOW_DAYS} दिन, उसके सबसे नए मापे गए दिन तक, हर खाते और दिन के "
                                  "(केवल गिनती; हर दिन replies.csv में)")

# As downloads.EVENTS_TITLE, kind for kind (schema.EventKind).
FILES_HI["events.csv"] = ("हर बदलाव: सुप्त, फिर सक्रिय, खाता पहली बार दर्ज, खाता उपलब्ध नहीं, नया हैंडल, फ़ॉलोअर में उछाल या "
                          "गिरावट, हटाई पोस्ट")

# The grade's sum on the scorecard: each part's score, weight as used and contribution,
# and what a part's score means (compute/grades.py holds the scales).
TEXT.update({
    "weight_used": ("उपयोग में भार", "Weight as used"),
    "contribution": ("योगदान", "Contribution"),
    "grade_total": ("कुल = अंक", "Total = score"),
    "grade_left_out": ("आँकड़ा नहीं: छोड़ा गया", "no data: left out"),
    # Figures were published, but not of a period the grade counts (compute/complaints.py). Said
    # in the grade table's cell, so short enough for one line of a phone (tests/test_browser.py); the
    # part's meaning under its name (means_resolution) gives the rule in full.
    "grade_not_counted_too_short": ("सबसे नई अवधि एक महीने से छोटी: छोड़ा गया",
                                    "latest period under a month: left out"),
    "grade_not_counted_too_old": ("सबसे नई अवधि {days} दिन से पुरानी: छोड़ा गया",
                                  "latest period over {days} days old: left out"),
    # An account's status (the activity part), observed longer ago than [status] absence_recheck_days,
    # or contradicted by a newer report of no account. In the grade table's cell, short: the
    # paragraph above the table says it at length (grade_none_old, grade_none_contradicted).
    "grade_not_counted_status_too_old": ("स्थिति {days} दिन से पुरानी: छोड़ा गया",
                                         "status over {days} days old: left out"),
    # A replies' measured day is no period: said as the last day measured.
    "grade_not_counted_measured_too_old": ("मापा गया आख़िरी दिन {days} दिन से पुराना: छोड़ा गया",
                                           "last day measured over {days} days old: left out"),
    "grade_not_counted_too_few": ("सबसे नई अवधि में {n} से कम शिकायतें: छोड़ा गया",
                                  "latest period under {n} complaints: left out"),
    "grade_not_counted_contradicted": ("बाद की रिपोर्ट: कोई खाता नहीं; छोड़ा गया",
                                       "a later report found no account: left out"),
    "grade_too_few": ("{n} उल्लेख, {least} से कम: छोड़ा गया", "{n} mentions, fewer than {least}: left out"),
    "grade_too_few_one": ("{n} उल्लेख, {least} से कम: छोड़ा गया", "{n} mention, fewer than {least}: left out"),
    "grade_sum_note": ("योगदान = भाग का अंक × उपयोग में भार; दशमलव के एक अंक तक ऐसे गोल किए गए कि जोड़ दिखाए गए अंक के "
                       "बराबर हो। तय भार: सक्रियता {activity}\u00a0%, जवाब की गति {responsiveness}\u00a0%, "
                       "समाधान {resolution}\u00a0%; जिस भाग का आँकड़ा नहीं, वह छोड़ा जाता है और बाक़ी भार "
                       "100\u00a0% तक बढ़ाए जाते हैं।",
                       "Contribution = the part's score × its weight as used, rounded to tenths of a point so that "
                       "they add up to the score as shown. Weights as set: activity {activity}\u00a0%, "
                       "responsiveness {responsiveness}\u00a0%, resolution {resolution}\u00a0%; a part without data "
                       "is left out and the others are scaled up to 100\u00a0%."),
    "means_activity": ("आख़िरी पोस्ट से अवलोकन तक के दिन: {bands}; खाता न हो, निलंबित हो या न मिले तो 0।",
                       "Days from the last post to the observation: {bands}; no account, suspended or not found "
                       "is 0."),
    "means_activity_band": ("{days} दिन तक {score}", "up to {days} days {score}"),
    "activity_from": ("{account} की स्थिति से, जो विभाग के खातों में सबसे अच्छी है।",
                      "From the status of {account}, the best of the department's accounts."),
    # Of an old observation the grade still counts: the last day it does.
    "activity_until": ("{day} का यह अवलोकन ग्रेड में {until} तक गिना जाता है; उसके बाद नहीं, जब तक खाता फिर से न "
                       "देखा जाए।",
                       "This observation of {day} counts in the grade until {until}; after that it does not, "
                       "unless the account is observed again."),
    "means_activity_rest": ("इससे ज़्यादा या कभी पोस्ट नहीं {score}", "more, or never posted, {score}"),
    "means_responsiveness": ("पहले जवाब का मध्य समय: {bands}; इससे धीमा 0, और मापे गए उल्लेखों (30 दिनों के भीतर "
                             "के मापे गए दिनों के, जो एक दिन भी हो सकता है) में से किसी का जवाब न देना भी 0। मापे गए "
                             "जवाब {min} या ज़्यादा उल्लेखों पर गिने जाते हैं, जब आख़िरी मापा गया दिन आँकड़ों की तारीख़ "
                             "से {days} दिन के भीतर हो; नहीं तो शिकायत स्रोत का बताया समय, उस अवधि के, जो उतने ही "
                             "दिनों के भीतर ख़त्म हुई।",
                             "Median time to the first reply: {bands}; slower, or no answer to any of the mentions "
                             "measured (on the measured days of 30, which may be one day), is 0. Measured replies "
                             "count from {min} mentions on, when the last measured day is within {days} days of the "
                             "as-of date; else the time a complaint source reports for a period that ended within "
                             "as many days of it."),
    "means_responsiveness_band": ("{time} तक {score}", "up to {time} {score}"),
    "means_resolution": ("एक महीने या उससे लंबी सबसे नई अवधि में हल हुई शिकायतों का प्रतिशत (हल ÷ प्राप्त "
                         "× 100; अस्वीकृत या दोहराई गई शिकायत हल नहीं गिनी जाती), जैसे शिकायतों के क्रम में: गिना तभी जाता है जब "
                         "अवधि आँकड़ों की तारीख़ से {days} दिन के भीतर ख़त्म हुई और उसमें कम से कम {n} शिकायतें आईं।",
                         "The share of complaints resolved in the latest period of a month or more (resolved ÷ "
                         "received × 100; a rejected or duplicate complaint counts as not resolved), as in the "
                         "complaints ranking: counted only when the period ended within {days} days of the as-of date "
                         "and had at least {n} complaints."),
})

# Where else to complain, on every scorecard (render/elsewhere.py).
TEXT.update({
    # Why its handle is not offered to write to (render/elsewhere.py, unwritable).
    "elsewhere_unconfirmed": ("इस विभाग का हैंडल आधिकारिक पुष्ट नहीं, इसलिए वह शिकायत का भरोसेमंद रास्ता नहीं। "
                              "शिकायत यहाँ करें:",
                              "Its handle is not confirmed as official, so it is no reliable way to complain. "
                              "Complain here:"),
    "elsewhere_contradicted": ("{date} की एक रिपोर्ट को हमारे आख़िरी अवलोकन के बाद इस विभाग का कोई आधिकारिक X खाता "
                               "नहीं मिला, इसलिए यहाँ उसके हैंडल को लिखने का बटन नहीं। शिकायत यहाँ करें:",
                               "A report of {date} found no official X account of this department after our last "
                               "observation of its handle, so there is no button to write to it here. Complain here:"),
    "elsewhere_silent": ("इस विभाग का हैंडल अभी पोस्ट नहीं करता ({status}), इसलिए वह शिकायत का भरोसेमंद रास्ता नहीं। "
                         "शिकायत यहाँ करें:",
                         "Its handle is not posting now ({status}), so it is no reliable way to complain. "
                         "Complain here:"),
    "elsewhere_gone": ("इस विभाग का X खाता अभी {status} है। शिकायत यहाँ करें:",
                       "Its X account is {status} now. Complain here:"),
    "elsewhere_protected": ("इस विभाग का X खाता सुरक्षित (निजी) है: उसके जवाब केवल उसके मंज़ूर फ़ॉलोअर देखते हैं। "
                            "शिकायत यहाँ करें:",
                            "Its X account is protected: only the followers it approves see its replies. "
                            "Complain here:"),
    "elsewhere_unknown": ("इस विभाग के हैंडल की स्थिति पता नहीं (हमारे पास उसकी आख़िरी पोस्ट की तारीख़ नहीं), इसलिए "
                          "यहाँ उसे लिखने का बटन नहीं। शिकायत यहाँ भी कर सकते हैं:",
                          "Its handle's status is not known (we have no date of its last post), so there is no "
                          "button to write to it here. You can also complain here:"),
    "elsewhere_not_x": ("इस विभाग का X पर कोई हैंडल हमें ज्ञात नहीं। शिकायत यहाँ करें:",
                        "We know of no X handle of this department. Complain here:"),
    "elsewhere_no_handle": ("इस विभाग का कोई हैंडल हमें नहीं मिला। शिकायत यहाँ करें:",
                            "We know of no handle of this department. Complain here:"),
    # An account that exists but whose handle no source names: not "no handle" (no account).
    "elsewhere_handle_unknown": ("इस विभाग का खाता है, पर उसका हैंडल हमें ज्ञात नहीं। शिकायत यहाँ करें:",
                                 "This department has an account, but we do not know its handle. Complain here:"),
    "elsewhere_also": ("हैंडल के अलावा, यहाँ भी शिकायत कर सकते हैं।", "Besides the handle, you can complain here."),
    "elsewhere_own": ("यह विभाग", "This department"),
    "elsewhere_district": ("ज़िला", "District"),
    "elsewhere_state": ("राज्य", "State"),
    "elsewhere_union": ("केंद्र सरकार", "Union government"),
    "elsewhere_national": ("राष्ट्रीय हेल्पलाइन", "National helplines"),
    "elsewhere_checked": ("{date} को जाँचा", "checked {date}"),
})

# Writing to a confirmed handle from its scorecard (render/elsewhere.py).
TEXT.update({
    "write_to": ("{handle} को X पर लिखें", "Write to {handle} on X"),
    "write_public": ("X पर पोस्ट सार्वजनिक होती है: उसमें अपना फ़ोन नंबर, आधार नंबर या पता न लिखें।",
                     "A post on X is public: do not put your phone number, Aadhaar number or address in it."),
    "protected_note": ("यह खाता सुरक्षित (निजी) है: इसकी पोस्ट और जवाब केवल वे देख सकते हैं जिन्हें यह मंज़ूरी दे, "
                       "इसलिए यहाँ X पर लिखने का बटन नहीं है।",
                       "This account is protected: only the followers it approves see its posts and replies, so "
                       "there is no button here to write to it on X."),
})

# Findings older than [status] absence_recheck_days carry their age.
TEXT.update({
    "no_account_old": ("कोई खाता नहीं — {month} की रिपोर्ट के अनुसार; तब से दोबारा नहीं जाँची गई ({source})",
                       "No account, per a report of {month}; not checked again since ({source})"),
    "grade_none_unreported": ("कोई ग्रेड नहीं: हमारी सूची में इस विभाग का कोई खाता नहीं, पर किसी रिपोर्ट ने यह नहीं कहा "
                              "कि उसका खाता नहीं है। यह हमारे आँकड़ों की कमी है, विभाग के बारे में निष्कर्ष नहीं।",
                              "No grade: our registry lists no account of this department, but no report says it has "
                              "none. That is a gap in our data, not a finding about the department."),
    "grade_none_contradicted": ("कोई ग्रेड नहीं: खाते के हमारे आख़िरी अवलोकन के बाद की एक रिपोर्ट को कोई आधिकारिक खाता "
                                "नहीं मिला। कौन सही है, यह खाते का अगला अवलोकन बताएगा; तब तक पुरानी स्थिति पर ग्रेड नहीं।",
                                "No grade: a report after our last observation of the account found no official "
                                "account. The account's next observation will say which holds; until then no grade "
                                "rests on the older status."),
    "grade_none_old": ("कोई ग्रेड नहीं: खाते के बारे में अकेली जानकारी पुरानी है (किसी रिपोर्ट या जाँच की), जो तब से "
                       "दोबारा नहीं जाँची गई। आज के हिसाब से ग्रेड तभी, जब खाता फिर से जाँचा जाए।",
                       "No grade: the only finding on the account is old (a report's or a check's), not checked "
                       "again since. A grade as of today needs the account to be checked again."),
    "source_registry": ("हमारी सूची", "our registry"),
})

# Disputing a figure without an account anywhere: an e-mail to the operator, or the issue form.
TEXT.update({
    "dispute_figure": ("इस आँकड़े पर आपत्ति", "Dispute this figure"),
    "dispute_by_mail": ("ई-मेल से", "by e-mail"),
    "dispute_on_github": ("GitHub पर", "on GitHub"),
    "dispute_mail_subject": ("आँकड़े पर आपत्ति: {figure} — {page}", "Dispute: {figure} — {page}"),
    "dispute_mail_body": ("आँकड़ा: {figure}\nसाइट पर मान: {value}\nतारीख़: {date}\nपन्ना: {page}\n\nआपके अनुसार सही मान, "
                          "और उसका प्रमाण (कड़ी):\n\n(किसी नागरिक का नाम, फ़ोन नंबर या शिकायत का पाठ न लिखें।)",
                          "Figure: {figure}\nValue shown: {value}\nDate: {date}\nPage: {page}\n\nThe value you "
                          "believe is right, and your evidence (a link):\n\n(Please include no citizen's name, "
                          "phone number or complaint text.)"),
})
TEXT["contact"] = ("संपर्क", "Contact")
