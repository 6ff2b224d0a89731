"""Words of the site in Hindi and English: labels of codes and the sentences pages use."""

from __future__ import annotations

from ..places import STATE_NAMES

LANGS = ("hi", "en")

STATUS = {
    "active": ("सक्रिय", "Active"),
    "slow": ("धीमा", "Slow"),
    "dormant": ("सुप्त", "Dormant"),
    "abandoned": ("परित्यक्त", "Abandoned"),
    "no_account": ("कोई खाता नहीं", "No account"),
    "suspended": ("निलंबित", "Suspended"),
    "not_found": ("नहीं मिला", "Not found"),
    "unknown": ("अज्ञात", "Unknown"),
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
STATUS_ICON = {"active": "●", "slow": "◐", "dormant": "○", "abandoned": "✕", "no_account": "⊘",
               "suspended": "⊗", "not_found": "?", "unknown": "–"}

ACCOUNT_STATE = {
    "ok": ("ठीक", "ok"),
    "suspended": ("निलंबित", "suspended"),
    "not_found": ("नहीं मिला", "not found"),
    "protected": ("सुरक्षित (निजी)", "protected"),
    "error": ("जाँच विफल", "check failed"),
}

FIGURE = {
    "followers": ("फ़ॉलोअर", "followers"), "following": ("फ़ॉलो किए खाते", "accounts followed"),
    "posts": ("पोस्ट", "posts"), "last_post_at": ("आख़िरी पोस्ट", "last post"), "status": ("स्थिति", "status"),
    "handle": ("हैंडल", "handle"), "official": ("आधिकारिक", "official"), "received": ("प्राप्त शिकायतें", "received"),
    "resolved": ("निस्तारित", "resolved"), "rejected": ("अस्वीकृत", "rejected"), "pending": ("लंबित", "pending"),
    "grade": ("ग्रेड", "grade"),
}

PLATFORM = {"x": ("X (ट्विटर)", "X (Twitter)"), "facebook": ("फेसबुक", "Facebook")}

MONTHS_HI = ("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर",
             "अक्टूबर", "नवंबर", "दिसंबर")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
    "built_on": ("आँकड़े इस तारीख़ तक:", "Figures as of:"),
    "department": ("विभाग", "Department"),
    "state": ("राज्य", "State"),
    "district": ("ज़िला", "District"),
    "category": ("श्रेणी", "Category"),
    "platform": ("प्लैटफ़ॉर्म", "Platform"),
    "handle": ("हैंडल", "Handle"),
    "followers": ("फ़ॉलोअर", "Followers"),
    "last_post": ("आख़िरी पोस्ट", "Last post"),
    "status": ("स्थिति", "Status"),
    "observed_on": ("कब देखा", "Observed on"),
    "source": ("स्रोत", "Source"),
    "grade": ("ग्रेड", "Grade"),
    "no_handle": ("हैंडल पुष्ट नहीं", "handle not confirmed"),
    "stale": ("पुराना आँकड़ा", "old figure"),
    "headline_counts": ("स्थिति के अनुसार खाते", "Accounts by status"),
    "attention": ("सुप्त, परित्यक्त या ग़ायब खाते", "Dormant, abandoned or missing handles"),
    "attention_more": ("और {n} खाते: सभी खातों की तालिका देखें", "{n} more: see the table of all accounts"),
    "ranked_more": ("यहाँ हर सूची के पहले {shown} विभाग; सभी {total} विभागों के आँकड़े:",
                    "The first {shown} departments of each list; the figures of all {total}:"),
    "attention_none": ("ऐसा कोई खाता नहीं।", "None."),
    "latest": ("सबसे नए आँकड़े", "Latest observations"),
    "see_all": ("सभी खातों की तालिका देखें", "See the table of all accounts"),
    "accounts_intro": ("हर विभाग और प्लैटफ़ॉर्म की एक पंक्ति; जिन विभागों का कोई खाता नहीं, वे भी।",
                       "One row per department and platform, including departments with no account."),
    "reason_days": ("आख़िरी पोस्ट {post}, इस अवलोकन ({obs}) से {days} दिन पहले",
                    "last post {post}, {days} days before this observation ({obs})"),
    "reason_no_account": ("इस विभाग का इस प्लैटफ़ॉर्म पर कोई आधिकारिक खाता नहीं है",
                          "this department has no official account on this platform"),
    "reason_never": ("अब तक कोई अवलोकन नहीं", "never observed yet"),
    "reason_no_post_date": ("{obs} को देखा गया, पर आख़िरी पोस्ट की तारीख़ दर्ज नहीं",
                            "observed {obs}, but the date of the last post was not recorded"),
    "reason_state": ("{obs} को खाता {state} पाया गया", "on {obs} the account was {state}"),
    "reason_never_posted": ("{obs} तक कोई पोस्ट नहीं", "no post at all by {obs}"),
    "stale_note": ("यह अंतिम ज्ञात आँकड़ा {obs} का है, {limit} दिन से अधिक पुराना",
                   "last known figure, from {obs}: more than {limit} days old"),
    "error_note": ("{date} को जाँच विफल रही; पिछला सही आँकड़ा दिखाया गया है",
                   "the check on {date} failed; the last good figure is shown"),
    "reach": ("पहुँच", "Reach"),
    "growth": ("{first} ({first_on}) से {last} ({last_on})", "{first} ({first_on}) to {last} ({last_on})"),
    "rank_state": ("राज्य में स्थान", "Rank in state"),
    "rank_category": ("श्रेणी में स्थान", "Rank in category"),
    "change": ("बदलाव", "Change"),
    "days": ("दिन", "days"),
    "history": ("फ़ॉलोअर का इतिहास", "Follower history"),
    "chart_alt": ("चार्ट के आँकड़े नीचे तालिका में हैं।", "The chart's figures are in the table below."),
    "date": ("तारीख़", "Date"),
    "complaints_heading": ("शिकायतें", "Complaints"),
    "export_source": ("शिकायत ट्रैकर का निर्यात (अनाम योग, {fingerprint})",
                      "grievance-tracker export (anonymised totals, {fingerprint})"),
    "series": ("श्रृंखला", "Series"),
    "median_resolution": ("निस्तारण का मध्य समय (घंटे)", "Median hours to resolve"),
    "complaints_intro": ("हर विभाग की नवीनतम अवधि (एक महीना या अधिक)। क्रम केवल उन्हीं का, जिन्हें कम से कम {n} "
                         "शिकायतें मिलीं और जिनकी अवधि सबसे नई अवधि से {days} दिन के भीतर ख़त्म हुई; तुलना "
                         "समान संख्या-वर्ग के विभागों में ही। दर के साथ उसका 95 % अंतराल भी दिया है।",
                         "Each department's latest period of a month or more. Ranked only where it had at least {n} "
                         "complaints and ended within {days} days of the newest period, and only against departments "
                         "of the same volume band. Each rate has its 95 % interval beside it."),
    "volume_band": ("{band} शिकायतों वाले विभाग", "Departments with {band} complaints"),
    "band_range": ("{low}–{high}", "{low}–{high}"),
    "band_open": ("{low} या अधिक", "{low} or more"),
    "ranking_caption": ("क्रम: इसी वर्ग के विभागों में निस्तारण दर के अनुसार", "Rank: by resolution rate, within this band"),
    "interval": ("95 % अंतराल", "95 % interval"),
    "rank_of": ("{n} में {rank}", "{rank} of {n}"),
    "not_ranked_heading": ("क्रम में नहीं", "Not ranked"),
    "received_lower": ("प्राप्त", "received"),
    "unranked_too_few": ("तुलना के लिए बहुत कम शिकायतें", "too few complaints to compare"),
    "unranked_too_old": ("अवधि बहुत पुरानी, नई अवधियों से तुलना नहीं", "period too old to compare with recent ones"),
    "unranked_alone": ("अपने वर्ग में अकेला विभाग", "the only department of its band"),
    "not_ranked_stale": ("क्रम नहीं: आँकड़ा {limit} दिन से पुराना है", "not ranked: the figure is more than {limit} days old"),
    "not_ranked_alone": ("क्रम नहीं: हाल के आँकड़े वाला अकेला खाता", "not ranked: the only account with a recent figure"),
    "growth_30d": ("पिछले 30 दिनों में बढ़त", "Growth in the last 30 days"),
    "jumps_left_out": ("{n} उछाल छोड़कर", "{n} jump(s) left out"),
    "caveats": ("सीमाएँ", "Caveats"),
    "corrections": ("सुधार", "Corrections"),
    "health": ("पाइपलाइन की स्थिति", "Pipeline health"),
    "corrections_intro": ("जब कोई विभाग या पाठक सबूत के साथ बताता है कि कोई आँकड़ा ग़लत है, तो सुधार यहाँ "
                          "दर्ज होता है और उस विभाग के स्कोरकार्ड पर दिखता है। मूल अवलोकन कभी बदले नहीं जाते।",
                          "When a department or a reader shows with evidence that a figure is wrong, the correction "
                          "is recorded here and shown on that department's scorecard. Original observations are "
                          "never edited."),
    "corrections_caption": ("दर्ज सुधार, नए पहले", "Corrections made, newest first"),
    "no_corrections": ("अभी तक कोई सुधार नहीं।", "No corrections yet."),
    "dispute": ("किसी आँकड़े पर आपत्ति दर्ज करें", "Dispute a figure"),
    "dispute_this": ("इस पन्ने के किसी आँकड़े पर आपत्ति", "Dispute a figure on this page"),
    "figure": ("आँकड़ा", "Figure"),
    "was": ("पहले", "Was"),
    "now": ("अब", "Now"),
    "reason": ("कारण", "Reason"),
    "corrected_box": ("इस स्कोरकार्ड पर सुधार", "Corrections on this scorecard"),
    "correction_line": ("{date}: {figure} {old} से {new} — {reason}", "{date}: {figure} {old} → {new} — {reason}"),
    "health_intro": ("हर रात के संग्रह का रिकॉर्ड: कितने खाते देखे गए, क्या मिला, कितने अनुरोध और कितना ख़र्च।",
                     "The record of each night's collection: accounts looked up, what came back, requests and "
                     "reads billed."),
    "newest_figure": ("सबसे नया आँकड़ा", "Newest figure"),
    "days_before_build": ("{date} से {days} दिन पहले", "{days} days before {date}"),
    "last_night": ("आख़िरी संग्रह", "Last collection"),
    "last_good_night": ("आख़िरी सफल संग्रह", "Last successful collection"),
    "no_runs": ("इस डेटा में अब तक कोई रात्रि-संग्रह नहीं", "no nightly collection in this data yet"),
    "month_budget": ("इस महीने का बजट", "This month's budget"),
    "reads_of_budget": ("{budget} में से {used} खाते-पठन", "{used} of {budget} account reads"),
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
    "rows_before": ("पिछली बार", "Last time"),
    "bytes": ("बाइट", "Bytes"),
    "bytes_before": ("पिछली बार", "Last time"),
    "banner_old": ("ध्यान दें: इस साइट के सबसे नए आँकड़े {date} के हैं।",
                   "Note: the newest figures on this site are from {date}."),
    "banner_none": ("ध्यान दें: इस साइट पर अभी कोई अवलोकन नहीं है।", "Note: there are no observations on this site yet."),
    "last_known": ("अंतिम ज्ञात: {date}", "last known: {date}"),
    "seen_on": ("{date} को देखा", "seen {date}"),
    "no_account_per": ("कोई खाता नहीं — {source} के अनुसार", "No account, per {source}"),
    "no_account_registry": ("हमारी सूची में कोई खाता नहीं ({date} तक)", "No account in our registry (as of {date})"),
    "in_minutes": ("{n} मिनट", "{n} minutes"),
    "in_hours": ("{n} घंटे", "{n} hours"),
    "in_days": ("{n} दिन", "{n} days"),
    "reply_measured": ("जवाब का मध्य समय: {when} (मापा गया, {date} तक)", "Median time to reply: {when} (measured, "
                       "to {date})"),
    "reply_reported": ("जवाब: लगभग {when} में ({source} के अनुसार)", "Replies in about {when} (per {source})"),
    "unverified": ("अपुष्ट", "unverified"),
    "elsewhere": ("और कहाँ शिकायत करें", "Where else to complain"),
    "contact_helpline": ("विभाग की हेल्पलाइन", "Department helpline"),
    "contact_grievance_portal": ("विभाग का शिकायत पोर्टल", "Department grievance portal"),
    "contact_website": ("विभाग की वेबसाइट", "Department website"),
    "districts": ("ज़िले", "Districts"),
    "state_level": ("राज्य स्तर के विभाग", "State-level departments"),
    "union_level": ("केंद्र सरकार के विभाग", "Union departments"),
    "state_intro": ("{n} विभाग-खाते, {districts} ज़िलों में।", "{n} department accounts, in {districts} districts."),
    "district_intro": ("{n} विभाग-खाते।", "{n} department accounts."),
    "as_of_newest": ("आँकड़े {date} तक के।", "Figures as of {date}."),
    "state_description": ("{state}: ज़िलों और विभागों के सोशल-मीडिया खाते — कौन सक्रिय है, कौन जवाब देता है।",
                          "{state}: districts and departments' social-media handles, which are active and which "
                          "answer."),
    "district_description": ("{place}: {n} विभाग-खाते — हैंडल, स्थिति और जवाब का समय।",
                             "{place}: {n} department accounts, with handles, status and reply time."),
    "find_district": ("अपना राज्य और ज़िला चुनें", "Find your state and district"),
    "answer": ("{name}: {platform} पर {handle} — {status} ({when}).", "{name}: {handle} on {platform}, {status} "
               "({when})."),
    "answer_post": ("आख़िरी पोस्ट {date}।", "Last post {date}."),
    "answer_none": ("{name}: {platform} पर {statement}।", "{name}: {statement} on {platform}."),
    "complaints_caption": ("शिकायतों के आँकड़े, अवधि के अनुसार", "Complaint figures by period"),
    "caveats_link": ("ये आँकड़े क्या नहीं बताते", "What these figures cannot tell"),
    "by_resolution": ("निस्तारण दर के अनुसार", "By resolution rate"),
    "by_pending": ("लंबित शिकायतों के अनुसार", "By pending backlog"),
    "none_ranked": ("अभी कोई विभाग इस सीमा तक नहीं पहुँचा।", "No department reaches this threshold yet."),
    "rank": ("क्रम", "Rank"),
    "export_short": ("ट्रैकर निर्यात", "tracker export"),
    "replies_heading": ("नागरिकों को जवाब", "Replies to citizens"),
    "citizen_mentions": ("नागरिकों के उल्लेख", "Citizen mentions"),
    "answered": ("जवाब दिए", "Answered"),
    "within_hour": ("एक घंटे के भीतर जवाब", "Answered within an hour"),
    "median_reply": ("जवाब का मध्य समय (मिनट)", "Median minutes to reply"),
    "no_complaints": ("इस विभाग के शिकायत आँकड़े उपलब्ध नहीं।", "No complaint figures for this department."),
    "channel": ("माध्यम", "Channel"),
    "period": ("अवधि", "Period"),
    "received": ("प्राप्त", "Received"),
    "resolved": ("निस्तारित", "Resolved"),
    "rejected": ("अस्वीकृत", "Rejected"),
    "pending": ("लंबित", "Pending"),
    "resolution_rate": ("निस्तारण दर", "Resolution rate"),
    "reported_rate": ("स्रोत द्वारा बताई दर", "Rate reported by source"),
    "median_response": ("पहले जवाब का मध्य समय (मिनट)", "Median minutes to first response"),
    "mismatch": ("स्रोत की बताई दर ({reported} %) गिनती से निकली दर ({computed} %) से मेल नहीं खाती",
                 "the rate the source reports ({reported} %) does not match the counts ({computed} %)"),
    "exceeds": ("निस्तारित, अस्वीकृत और लंबित का जोड़ प्राप्त से अधिक है",
                "resolved, rejected and pending add up to more than received"),
    "rate_formula": ("निस्तारण दर = निस्तारित ÷ प्राप्त × 100", "Resolution rate = resolved ÷ received × 100"),
    "grade_heading": ("ग्रेड और उसके आधार", "Grade and its inputs"),
    "grade_none": ("ग्रेड के लिए खाते की स्थिति ज्ञात होनी चाहिए।",
                   "A grade needs the account's status to be known."),
    "activity": ("सक्रियता", "Activity"),
    "responsiveness": ("जवाबदेही (जवाब की गति)", "Responsiveness"),
    "resolution": ("निस्तारण", "Resolution"),
    "score": ("अंक", "Score"),
    "part": ("भाग", "Part"),
    "weight": ("भार", "Weight"),
    "not_available": ("उपलब्ध नहीं", "not available"),
    "sources": ("स्रोत", "Sources"),
    "download_dept": ("इस विभाग का CSV डाउनलोड करें", "Download this department's CSV"),
    "parent": ("ऊपर का विभाग", "Reports to"),
    "children": ("अधीन विभाग", "Units under it"),
    "accounts": ("खाते", "Accounts"),
    "other_lang": ("English", "हिन्दी"),
    "downloads_intro": ("सभी आँकड़े CSV में, स्थिर कॉलम के साथ। विवरण datapackage.json (Frictionless) में भी है।",
                        "All figures as CSV with stable columns, also described in datapackage.json (Frictionless)."),
    "file": ("फ़ाइल", "File"),
    "columns": ("कॉलम", "Columns"),
    "description": ("विवरण", "Description"),
    "type": ("प्रकार", "Type"),
    "rows_shown": ("{first}–{last}, कुल {total} में से", "{first}–{last} of {total}"),
    "pages": ("पृष्ठ", "Pages"),
    "previous": ("पिछला", "Previous"),
    "next": ("अगला", "Next"),
    "recent_caption": ("नवीनतम अवलोकन तक के {days} दिनों के अवलोकन",
                       "Observations of the {days} days up to the latest one"),
    "monthly_caption": ("इससे पहले: हर महीने का आख़िरी अवलोकन", "Before that: the last observation of each month"),
    "month": ("महीना", "Month"),
    "full_history": ("पूरा इतिहास CSV में", "The full history as CSV"),
    "departments_files": ("हर विभाग की अलग फ़ाइल: data/departments/&lt;id&gt;.csv",
                          "One file per department: data/departments/&lt;id&gt;.csv"),
}


def texts(lang: str) -> dict[str, str]:
    return {key: pick(pair, lang) for key, pair in TEXT.items()}
