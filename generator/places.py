"""India's states and union territories: ISO 3166-2 codes, names in English and Hindi,
population (census 2011, millions, rounded) and some of their districts with Hindi names.

Shared by every stage: validation knows the codes, pages print the names, the synthetic
data generator spreads departments by population. Imports nothing internal.
"""

from __future__ import annotations

# (code, English name, Hindi name, population in millions, ((district, district in Hindi), ...)).
STATES: tuple[tuple[str, str, str, float, tuple[tuple[str, str], ...]], ...] = (
    ("IN-UP", "Uttar Pradesh", "उत्तर प्रदेश", 199.8, (
        ("Lucknow", "लखनऊ"), ("Gorakhpur", "गोरखपुर"), ("Varanasi", "वाराणसी"), ("Prayagraj", "प्रयागराज"),
        ("Kanpur Nagar", "कानपुर नगर"), ("Agra", "आगरा"), ("Meerut", "मेरठ"), ("Bareilly", "बरेली"),
        ("Ghaziabad", "ग़ाज़ियाबाद"))),
    ("IN-MH", "Maharashtra", "महाराष्ट्र", 112.4, (
        ("Mumbai", "मुंबई"), ("Pune", "पुणे"), ("Nagpur", "नागपुर"), ("Nashik", "नासिक"), ("Thane", "ठाणे"),
        ("Kolhapur", "कोल्हापुर"), ("Solapur", "सोलापुर"))),
    ("IN-BR", "Bihar", "बिहार", 104.1, (
        ("Patna", "पटना"), ("Gaya", "गया"), ("Muzaffarpur", "मुज़फ़्फ़रपुर"), ("Bhagalpur", "भागलपुर"),
        ("Darbhanga", "दरभंगा"), ("Purnia", "पूर्णिया"), ("Nalanda", "नालंदा"), ("Saran", "सारण"))),
    ("IN-WB", "West Bengal", "पश्चिम बंगाल", 91.3, (
        ("Kolkata", "कोलकाता"), ("Howrah", "हावड़ा"), ("Darjeeling", "दार्जिलिंग"), ("Purba Bardhaman", "पूर्व बर्धमान"),
        ("Murshidabad", "मुर्शिदाबाद"), ("Jalpaiguri", "जलपाईगुड़ी"))),
    ("IN-MP", "Madhya Pradesh", "मध्य प्रदेश", 72.6, (
        ("Bhopal", "भोपाल"), ("Indore", "इंदौर"), ("Jabalpur", "जबलपुर"), ("Gwalior", "ग्वालियर"),
        ("Ujjain", "उज्जैन"), ("Sagar", "सागर"), ("Rewa", "रीवा"))),
    ("IN-TN", "Tamil Nadu", "तमिलनाडु", 72.1, (
        ("Chennai", "चेन्नई"), ("Coimbatore", "कोयंबटूर"), ("Madurai", "मदुरै"),
        ("Tiruchirappalli", "तिरुचिरापल्ली"), ("Salem", "सेलम"), ("Tirunelveli", "तिरुनेलवेली"))),
    ("IN-RJ", "Rajasthan", "राजस्थान", 68.5, (
        ("Jaipur", "जयपुर"), ("Jodhpur", "जोधपुर"), ("Udaipur", "उदयपुर"), ("Kota", "कोटा"), ("Ajmer", "अजमेर"),
        ("Bikaner", "बीकानेर"))),
    ("IN-KA", "Karnataka", "कर्नाटक", 61.1, (
        ("Bengaluru Urban", "बेंगलुरु शहरी"), ("Mysuru", "मैसूरु"), ("Belagavi", "बेलगावी"), ("Dharwad", "धारवाड़"),
        ("Kalaburagi", "कलबुर्गी"), ("Dakshina Kannada", "दक्षिण कन्नड़"))),
    ("IN-GJ", "Gujarat", "गुजरात", 60.4, (
        ("Ahmedabad", "अहमदाबाद"), ("Surat", "सूरत"), ("Vadodara", "वडोदरा"), ("Rajkot", "राजकोट"),
        ("Kutch", "कच्छ"), ("Bhavnagar", "भावनगर"))),
    ("IN-AP", "Andhra Pradesh", "आंध्र प्रदेश", 49.4, (
        ("Visakhapatnam", "विशाखापत्तनम"), ("Guntur", "गुंटूर"), ("Krishna", "कृष्णा"), ("Chittoor", "चित्तूर"),
        ("Kurnool", "कुरनूल"), ("Anantapur", "अनंतपुर"))),
    ("IN-OD", "Odisha", "ओडिशा", 42.0, (
        ("Khordha", "खोर्धा"), ("Cuttack", "कटक"), ("Ganjam", "गंजाम"), ("Sambalpur", "संबलपुर"), ("Puri", "पुरी"),
        ("Balasore", "बालेश्वर"))),
    ("IN-TS", "Telangana", "तेलंगाना", 35.2, (
        ("Hyderabad", "हैदराबाद"), ("Warangal", "वारंगल"), ("Karimnagar", "करीमनगर"), ("Nizamabad", "निज़ामाबाद"),
        ("Khammam", "खम्मम"))),
    ("IN-KL", "Kerala", "केरल", 33.4, (
        ("Thiruvananthapuram", "तिरुवनंतपुरम"), ("Ernakulam", "एर्णाकुलम"), ("Kozhikode", "कोझिकोड"),
        ("Thrissur", "त्रिशूर"), ("Kollam", "कोल्लम"))),
    ("IN-JH", "Jharkhand", "झारखंड", 33.0, (
        ("Ranchi", "रांची"), ("Dhanbad", "धनबाद"), ("East Singhbhum", "पूर्वी सिंहभूम"), ("Hazaribagh", "हज़ारीबाग"),
        ("Bokaro", "बोकारो"), ("Deoghar", "देवघर"))),
    ("IN-AS", "Assam", "असम", 31.2, (
        ("Kamrup Metropolitan", "कामरूप महानगर"), ("Dibrugarh", "डिब्रूगढ़"), ("Jorhat", "जोरहाट"),
        ("Cachar", "कछार"), ("Nagaon", "नगांव"), ("Sonitpur", "शोणितपुर"))),
    ("IN-PB", "Punjab", "पंजाब", 27.7, (
        ("Ludhiana", "लुधियाना"), ("Amritsar", "अमृतसर"), ("Jalandhar", "जालंधर"), ("Patiala", "पटियाला"),
        ("Bathinda", "बठिंडा"))),
    ("IN-CG", "Chhattisgarh", "छत्तीसगढ़", 25.5, (
        ("Raipur", "रायपुर"), ("Bilaspur", "बिलासपुर"), ("Durg", "दुर्ग"), ("Bastar", "बस्तर"), ("Korba", "कोरबा"))),
    ("IN-HR", "Haryana", "हरियाणा", 25.4, (
        ("Gurugram", "गुरुग्राम"), ("Faridabad", "फ़रीदाबाद"), ("Hisar", "हिसार"), ("Rohtak", "रोहतक"),
        ("Karnal", "करनाल"), ("Panipat", "पानीपत"))),
    ("IN-DL", "Delhi", "दिल्ली", 16.8, (
        ("New Delhi", "नई दिल्ली"), ("South Delhi", "दक्षिण दिल्ली"), ("North East Delhi", "उत्तर पूर्वी दिल्ली"),
        ("West Delhi", "पश्चिमी दिल्ली"), ("Shahdara", "शाहदरा"))),
    ("IN-JK", "Jammu and Kashmir", "जम्मू और कश्मीर", 12.3, (
        ("Srinagar", "श्रीनगर"), ("Jammu", "जम्मू"), ("Anantnag", "अनंतनाग"), ("Baramulla", "बारामूला"),
        ("Kathua", "कठुआ"))),
    ("IN-UK", "Uttarakhand", "उत्तराखंड", 10.1, (
        ("Dehradun", "देहरादून"), ("Haridwar", "हरिद्वार"), ("Nainital", "नैनीताल"),
        ("Udham Singh Nagar", "ऊधम सिंह नगर"), ("Almora", "अल्मोड़ा"))),
    ("IN-HP", "Himachal Pradesh", "हिमाचल प्रदेश", 6.9, (
        ("Shimla", "शिमला"), ("Kangra", "कांगड़ा"), ("Mandi", "मंडी"), ("Kullu", "कुल्लू"))),
    ("IN-TR", "Tripura", "त्रिपुरा", 3.7, (
        ("West Tripura", "पश्चिम त्रिपुरा"), ("Gomati", "गोमती"), ("Dhalai", "धलाई"))),
    ("IN-ML", "Meghalaya", "मेघालय", 3.0, (
        ("East Khasi Hills", "पूर्वी खासी हिल्स"), ("West Garo Hills", "पश्चिमी गारो हिल्स"),
        ("West Jaintia Hills", "पश्चिमी जयंतिया हिल्स"))),
    ("IN-MN", "Manipur", "मणिपुर", 2.9, (
        ("Imphal West", "इंफाल पश्चिम"), ("Imphal East", "इंफाल पूर्व"), ("Churachandpur", "चुराचांदपुर"),
        ("Thoubal", "थौबल"))),
    ("IN-NL", "Nagaland", "नागालैंड", 2.0, (
        ("Kohima", "कोहिमा"), ("Dimapur", "दीमापुर"), ("Mokokchung", "मोकोकचुंग"))),
    ("IN-GA", "Goa", "गोवा", 1.5, (("North Goa", "उत्तरी गोवा"), ("South Goa", "दक्षिणी गोवा"))),
    ("IN-AR", "Arunachal Pradesh", "अरुणाचल प्रदेश", 1.4, (
        ("Papum Pare", "पापुम पारे"), ("Tawang", "तवांग"), ("Lohit", "लोहित"), ("West Kameng", "पश्चिम कामेंग"))),
    ("IN-PY", "Puducherry", "पुडुचेरी", 1.2, (
        ("Puducherry", "पुडुचेरी"), ("Karaikal", "कराईकल"), ("Mahe", "माहे"), ("Yanam", "यानम"))),
    ("IN-MZ", "Mizoram", "मिज़ोरम", 1.1, (("Aizawl", "आइज़ोल"), ("Lunglei", "लुंगलेई"), ("Champhai", "चम्फाई"))),
    ("IN-CH", "Chandigarh", "चंडीगढ़", 1.1, (("Chandigarh", "चंडीगढ़"),)),
    ("IN-SK", "Sikkim", "सिक्किम", 0.6, (("Gangtok", "गंगटोक"), ("Namchi", "नामची"), ("Mangan", "मंगन"))),
    ("IN-DH", "Dadra and Nagar Haveli and Daman and Diu", "दादरा और नगर हवेली और दमन और दीव", 0.6, (
        ("Dadra and Nagar Haveli", "दादरा और नगर हवेली"), ("Daman", "दमन"), ("Diu", "दीव"))),
    ("IN-AN", "Andaman and Nicobar Islands", "अंडमान और निकोबार द्वीपसमूह", 0.4, (
        ("South Andaman", "दक्षिण अंडमान"), ("North and Middle Andaman", "उत्तर और मध्य अंडमान"),
        ("Nicobar", "निकोबार"))),
    ("IN-LA", "Ladakh", "लद्दाख", 0.3, (("Leh", "लेह"), ("Kargil", "कारगिल"))),
    ("IN-LD", "Lakshadweep", "लक्षद्वीप", 0.1, (("Lakshadweep", "लक्षद्वीप"),)),
)

NATIONAL = ("IN", "Government of India", "भारत सरकार")

STATE_NAMES: dict[str, tuple[str, str]] = {code: (en, hi) for code, en, hi, _, _ in STATES}
STATE_NAMES[NATIONAL[0]] = (NATIONAL[1], NATIONAL[2])

# District names in Hindi, by state and English name, where we know them.
DISTRICTS_HI: dict[tuple[str, str], str] = {(code, en): hi for code, _, _, _, districts in STATES
                                            for en, hi in districts}
