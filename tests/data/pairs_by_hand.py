# ruff: noqa: E501  (release texts are data)
"""Pairs written out in full by hand, not derived from a release: paraphrased site copies, news-desk
re-posts, and negatives whose distinguishing words also occur elsewhere in the text. Each side is
(published, source, pr_number, body); every third pair is held out like the derived ones."""

EN = "en"

PAIRS = [
    {
        "kind": "site_copy_with_intro",
        "label": "duplicate",
        "a": (
            "2024-08-14",
            "ispr",
            "187/2024-ISPR",
            "Independence Day was celebrated at General Headquarters, Rawalpindi with traditional zeal and national fervour.\n\nThe day began with special prayers for the progress and prosperity of the country. A flag hoisting ceremony was held at GHQ, where the Chief of Army Staff hoisted the national flag.\n\nAddressing the ceremony, the COAS paid tribute to the founding fathers and said that the Armed Forces will continue to defend the motherland.",
        ),
        "b": (
            "2024-08-14",
            "newsdesk",
            None,
            "RAWALPINDI: Independence Day was celebrated at General Headquarters, Rawalpindi with traditional zeal and national fervour, the military's media wing said.\n\nThe day began with special prayers for the progress and prosperity of the country. A flag hoisting ceremony was held at GHQ, where the Chief of Army Staff hoisted the national flag.\n\nAddressing the ceremony, the COAS paid tribute to the founding fathers and said that the Armed Forces will continue to defend the motherland.",
        ),
    },
    {
        "kind": "changed_casualty_figure",
        "label": "duplicate",
        "a": (
            "2024-03-16",
            "ispr",
            "61/2024-ISPR",
            "On the night of 15/16 March 2024, terrorists attacked a security forces post in Mir Ali, North Waziristan District.\n\nThe attack was effectively repulsed by own troops. During the exchange of fire, five terrorists were sent to hell.\n\nHowever, during the intense exchange of fire, five soldiers embraced shahadat.\n\nSanitisation operation is being conducted in the area.",
        ),
        "b": (
            "2024-03-16",
            "ispr",
            "61/2024-ISPR",
            "On the night of 15/16 March 2024, terrorists attacked a security forces post in Mir Ali, North Waziristan District.\n\nThe attack was effectively repulsed by own troops. During the exchange of fire, six terrorists were sent to hell.\n\nHowever, during the intense exchange of fire, seven soldiers embraced shahadat.\n\nSanitisation operation is being conducted in the area.",
        ),
    },
    {
        "kind": "different_chief",
        "label": "different",
        "a": (
            "2024-10-29",
            "paf",
            None,
            "Rear Admiral Fahd Al-Shehri, Chief of the Qatari Armed Forces, called on the Chairman Joint Chiefs of Staff Committee at Joint Staff Headquarters, Rawalpindi today.\n\nDuring the meeting, matters of mutual interest, regional security and avenues of cooperation in defence production were discussed.\n\nThe visiting dignitary appreciated the professionalism of Pakistan's armed forces and their contributions to regional peace, including six joint exercises.",
        ),
        "b": (
            "2024-10-29",
            "paf",
            None,
            "Rear Admiral Fahd Al-Shehri, Chief of the Qatari Armed Forces, called on the Chief of Army Staff at General Headquarters, Rawalpindi today.\n\nDuring the meeting, matters of mutual interest, regional security and avenues of cooperation in defence production were discussed.\n\nThe visiting dignitary appreciated the professionalism of Pakistan's armed forces and their contributions to regional peace, including six joint exercises.",
        ),
    },
    {
        "kind": "different_district",
        "label": "different",
        "a": (
            "2024-09-02",
            "ispr",
            None,
            "Security forces conducted an intelligence based operation in Lakki Marwat District on the reported presence of khwarij.\n\nDuring the conduct of the operation, own troops effectively engaged the khwarij location and, as a result, two khwarij were sent to hell.\n\nSanitisation operation is being carried out to eliminate any other khwarij found in the area, as the security forces of Pakistan are determined to wipe out the menace of terrorism.",
        ),
        "b": (
            "2024-09-02",
            "ispr",
            None,
            "Security forces conducted an intelligence based operation in Bannu District on the reported presence of khwarij.\n\nDuring the conduct of the operation, own troops effectively engaged the khwarij location and, as a result, two khwarij were sent to hell.\n\nSanitisation operation is being carried out to eliminate any other khwarij found in the area, as the security forces of Pakistan are determined to wipe out the menace of terrorism.",
        ),
    },
    {
        "kind": "different_visitor",
        "label": "different",
        "a": (
            "2023-02-07",
            "ispr",
            None,
            "Ambassador of Japan to Pakistan, Mr Wada Mitsuhiro, called on the Chief of Army Staff at GHQ today.\n\nMatters of mutual interest, regional security and bilateral cooperation were discussed.\n\nThe COAS thanked the ambassador for Japan's support during the floods.",
        ),
        "b": (
            "2023-02-08",
            "ispr",
            None,
            "Ambassador of Germany to Pakistan, Mr Alfred Grannas, called on the Chief of Army Staff at GHQ today.\n\nMatters of mutual interest, regional security and bilateral cooperation were discussed.\n\nThe COAS thanked the ambassador for Germany's support during the floods.",
        ),
    },
    {
        "kind": "headline_in_body",
        "label": "duplicate",
        "a": (
            "2022-02-21",
            "ispr",
            "72/2022-ISPR",
            "Multinational air exercise ACES Meet 2022 concluded at an operational air base of the PAF.\n\nAir forces of Pakistan, Turkiye and Qatar participated in the two-week exercise, which trained aircrew in complex air operations in a realistic environment.\n\nThe Chief of the Air Staff was the chief guest at the closing ceremony.",
        ),
        "b": (
            "2022-02-21",
            "paf",
            None,
            "MULTINATIONAL AIR EXERCISE ACES MEET 2022 CONCLUDES\n\nMultinational air exercise ACES Meet 2022 concluded at an operational air base of the PAF.\n\nAir forces of Pakistan, Turkiye and Qatar participated in the two-week exercise, which trained aircrew in complex air operations in a realistic environment.\n\nThe Chief of the Air Staff was the chief guest at the closing ceremony.\n\n(Directorate of Media Affairs, PAF)",
        ),
    },
    {
        "kind": "different_course",
        "label": "different",
        "a": (
            "2023-10-14",
            "ispr",
            None,
            "The passing out parade of 148th PMA Long Course was held at Pakistan Military Academy, Kakul today.\n\nThe Chief of Army Staff was the chief guest and reviewed the parade.\n\nThe Sword of Honour was awarded to Battalion Senior Under Officer Ahmed Raza.",
        ),
        "b": (
            "2023-10-15",
            "ispr",
            None,
            "The passing out parade of 148th GD(P) Course was held at PAF Academy Asghar Khan, Risalpur today.\n\nThe Chief of the Air Staff was the chief guest and reviewed the parade.\n\nThe Sword of Honour was awarded to Flight Cadet Ahmed Raza.",
        ),
    },
    {
        "kind": "typo_fixed",
        "label": "duplicate",
        "a": (
            "2021-07-05",
            "ispr",
            "121/2021-ISPR",
            "PNS TIPPU SULTAN has deployed for Regional Maritime Security Patrol in the Gulf of Aden and adjoining waters.\n\nDuring the deployment, the ship will patrol critical sea lanes to deter piracy and maritime terrorism.\n\nThe ship will also participate in exercises with regional navies.",
        ),
        "b": (
            "2021-07-05",
            "paknavy",
            None,
            "PNS TIPPU SULTAN has deployed for Regional Maritime Security Patrol in the Gulf of Aden and adjoining waters.\n\nDuring the deployment, the ship will patrol critical sea lanes to deter piracy and maritme terrorism.\n\nThe ship will also participate in exercises with regional navys.",
        ),
    },
    {
        "kind": "different_count",
        "label": "different",
        "a": (
            "2024-01-15",
            "ispr",
            None,
            "A Pakistan Navy ship on patrol in the Arabian Sea rescued 19 crew members of a merchant vessel that caught fire 60 nautical miles off Gwadar.\n\nThe rescued crew were provided medical assistance on board.",
        ),
        "b": (
            "2024-01-17",
            "ispr",
            None,
            "A Pakistan Navy ship on patrol in the Arabian Sea rescued 11 crew members of a merchant vessel that caught fire 90 nautical miles off Gwadar.\n\nThe rescued crew were provided medical assistance on board.",
        ),
    },
    {
        "kind": "other_boilerplate",
        "label": "duplicate",
        "a": (
            "2023-06-19",
            "ispr",
            "104/2023-ISPR",
            "Rawalpindi, June 19, 2023: The Chief of Army Staff visited Kharian Garrison today and witnessed a field exercise of an armoured formation.\n\nThe COAS appreciated the high standard of training and operational preparedness of the formation.\n\nEarlier, on arrival, the COAS was received by the Corps Commander Mangla.",
        ),
        "b": (
            "2023-06-19",
            "paknavy",
            None,
            "19 June 2023, Rawalpindi — The Chief of Army Staff visited Kharian Garrison today and witnessed a field exercise of an armoured formation.\n\nThe COAS appreciated the high standard of training and operational preparedness of the formation.\n\nEarlier, on arrival, the COAS was received by the Corps Commander Mangla.\n\n-0-0-0-0-",
        ),
    },
    {
        "kind": "different_district",
        "label": "different",
        "a": (
            "2023-05-08",
            "ispr",
            None,
            "A free medical camp was organised by Pakistan Army at Dera Bugti, in which specialist doctors examined patients and distributed free medicines.\n\nThe residents of Dera Bugti appreciated the efforts of Pakistan Army.",
        ),
        "b": (
            "2023-05-09",
            "ispr",
            None,
            "A free medical camp was organised by Pakistan Army at Kohlu, in which specialist doctors examined patients and distributed free medicines.\n\nThe residents of Kohlu appreciated the efforts of Pakistan Army.",
        ),
    },
    {
        "kind": "trimmed_paragraph",
        "label": "duplicate",
        "a": (
            "2024-06-10",
            "paknavy",
            None,
            "Pakistan Navy held the International Maritime Conference in Karachi, attended by maritime experts from 22 countries.\n\nThe Chief of the Naval Staff, Admiral Naveed Ashraf, in his keynote address highlighted the importance of the blue economy.\n\nThe conference deliberated on maritime security challenges in the Indian Ocean Region.\n\nThe participants lauded Pakistan Navy for organising the conference.",
        ),
        "b": (
            "2024-06-11",
            "ispr",
            "130/2024-ISPR",
            "Pakistan Navy held the International Maritime Conference in Karachi, attended by maritime experts from 22 countries.\n\nThe Chief of the Naval Staff, Admiral Naveed Ashraf, in his keynote address highlighted the importance of the blue economy.",
        ),
    },
    {
        "kind": "different_visitor",
        "label": "different",
        "a": (
            "2022-11-03",
            "ispr",
            None,
            "A 25-member delegation of the National Defence University of Indonesia visited General Headquarters today.\n\nThe delegation was briefed on the regional security environment and the Army's role in counter terrorism.",
        ),
        "b": (
            "2022-11-04",
            "ispr",
            None,
            "A 25-member delegation of the Royal College of Defence Studies, United Kingdom visited General Headquarters today.\n\nThe delegation was briefed on the regional security environment and the Army's role in counter terrorism.",
        ),
    },
    {
        "kind": "appended_paragraph",
        "label": "duplicate",
        "a": (
            "2020-07-07",
            "ispr",
            "101/2020-ISPR",
            "PAF aircraft transported medical supplies, including ventilators and protective equipment, to Gilgit-Baltistan to help the province fight the pandemic.\n\nThe supplies were handed over to the provincial health department at Gilgit airport.",
        ),
        "b": (
            "2020-07-08",
            "paf",
            None,
            "PAF aircraft transported medical supplies, including ventilators and protective equipment, to Gilgit-Baltistan to help the province fight the pandemic.\n\nThe supplies were handed over to the provincial health department at Gilgit airport.\n\nThe PAF has so far flown more than 40 relief sorties across the country since the outbreak began.",
        ),
    },
    {
        "kind": "different_chief",
        "label": "different",
        "a": (
            "2024-04-30",
            "ispr",
            None,
            "The Commander of the Royal Saudi Naval Forces called on the Chief of the Naval Staff at Naval Headquarters today. Matters of bilateral naval cooperation and regional maritime security were discussed.",
        ),
        "b": (
            "2024-04-30",
            "ispr",
            None,
            "The Commander of the Royal Saudi Naval Forces called on the Chairman Joint Chiefs of Staff Committee at Joint Staff Headquarters today. Matters of bilateral cooperation and regional security were discussed.",
        ),
    },
    {
        "kind": "site_copy_with_intro",
        "label": "duplicate",
        "a": (
            "2024-11-14",
            "ispr",
            None,
            "Pakistan Navy launched a mangrove plantation campaign along the Sindh coast, planting over 100,000 saplings at Keti Bandar and Shah Bandar.\n\nThe Commander Coast was the chief guest at the inaugural ceremony.\n\nThe campaign will help protect the coastline from erosion and support marine life.",
        ),
        "b": (
            "2024-11-15",
            "paknavy",
            None,
            "As part of its environmental initiatives, the Navy has again turned to the coast.\n\nPakistan Navy launched a mangrove plantation campaign along the Sindh coast, planting over 100,000 saplings at Keti Bandar and Shah Bandar.\n\nThe Commander Coast was the chief guest at the inaugural ceremony.",
        ),
    },
    {
        "kind": "different_count",
        "label": "different",
        "a": (
            "2024-11-28",
            "ispr",
            None,
            "The 267th Corps Commanders' Conference was held at GHQ under the chairmanship of the Chief of Army Staff. The forum reviewed the security situation.",
        ),
        "b": (
            "2024-11-29",
            "ispr",
            None,
            "The 268th Corps Commanders' Conference was held at GHQ under the chairmanship of the Chief of Army Staff. The forum reviewed the security situation.",
        ),
    },
    {
        "kind": "undated_copy",
        "label": "duplicate",
        "a": (
            "2025-01-08",
            "paknavy",
            None,
            "The Chief of the Naval Staff visited forward posts in the Creeks area and was briefed on the operational preparedness of the Pakistan Marines deployed there.\n\nThe Naval Chief lauded the high morale of the troops and their resolve to defend the maritime frontiers.\n\nHe also inaugurated a water filtration plant for the local community at Sir Creek.",
        ),
        "b": (
            None,
            "newsdesk",
            None,
            "The Chief of the Naval Staff visited forward posts in the Creeks area and was briefed on the operational preparedness of the Pakistan Marines deployed there.\n\nThe Naval Chief lauded the high morale of the troops and their resolve to defend the maritime frontiers.",
        ),
    },
]
