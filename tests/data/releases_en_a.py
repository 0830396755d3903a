# ruff: noqa: E501  (release texts are data, kept one sentence per line where possible)
"""Hand-written releases (army, first half) from which tests/data/dedup_pairs.jsonl is built.

Each release is written the way ISPR, the Navy and the PAF write them. `negatives` are other statements
that a formulaic text makes look alike: each is a list of (old, new) replacements applied to the release,
plus how many days later it was issued. `revisable` is a casualty figure a same-day re-post may correct.
"""

RELEASES = [
    {
        "id": "coas-nw",
        "source": "ispr",
        "published": "2024-03-12",
        "pr_number": "58/2024-ISPR",
        "title": "COAS VISITS NORTH WAZIRISTAN",
        "body": [
            "General Syed Asim Munir, Chief of Army Staff (COAS), visited North Waziristan District today, "
            "where he was briefed on the prevailing security situation and ongoing counter terrorism "
            "operations.",
            "Upon arrival at Miranshah, the COAS was received by Lieutenant General Muhammad Tahir, Commander "
            "Peshawar Corps.",
            "Interacting with officers and troops, the COAS lauded their high morale and operational "
            "preparedness, and said that the gains achieved at a great cost will be consolidated with the "
            "support of the people.",
            "The COAS also laid a floral wreath at the Yadgar-e-Shuhada and offered Fateha for the martyrs.",
        ],
        "append": "Later, the COAS met tribal elders and appreciated their role in restoring peace in the area.",
        "intro": "Chief of Army Staff spent the day with troops in the tribal district, according to ISPR.",
        "negatives": [
            ["district", [["North Waziristan", "South Waziristan"], ["Miranshah", "Wana"]], 7],
            ["district", [["North Waziristan", "Kurram"], ["Miranshah", "Parachinar"]], 2],
        ],
    },
    {
        "id": "centcom-call",
        "source": "ispr",
        "published": "2023-07-25",
        "pr_number": "142/2023-ISPR",
        "title": "COMMANDER US CENTCOM CALLS ON COAS",
        "body": [
            "General Michael Erik Kurilla, Commander United States Central Command (CENTCOM), called on "
            "General Syed Asim Munir, Chief of Army Staff (COAS), at General Headquarters, Rawalpindi today.",
            "During the meeting, matters of mutual interest, regional security situation and enhanced "
            "bilateral defence cooperation in various fields were discussed.",
            "The visiting dignitary acknowledged the achievements of Pakistan Army in the war against "
            "terrorism and appreciated Pakistan's efforts for regional stability.",
            "Earlier, upon arrival at GHQ, the dignitary laid a wreath at the Yadgar-e-Shuhada and was "
            "presented a guard of honour by a smartly turned out contingent of Pakistan Army.",
        ],
        "append": "The COAS thanked the visiting dignitary for the support extended during the recent floods.",
        "negatives": [
            [
                "visitor",
                [
                    ["General Michael Erik Kurilla", "General Gurbir Singh Bhinder"],
                    ["Commander United States Central Command (CENTCOM)", "Chief of Defence Staff of Fiji"],
                ],
                6,
            ],
            [
                "visitor",
                [
                    ["General Michael Erik Kurilla", "Lieutenant General Selim Bilgin"],
                    [
                        "Commander United States Central Command (CENTCOM)",
                        "Commander Turkish Land Forces",
                    ],
                ],
                1,
            ],
        ],
    },
    {
        "id": "russia-cns",
        "source": "ispr",
        "published": "2024-10-29",
        "pr_number": "288/2024-ISPR",
        "title": "RUSSIAN DEPUTY DEFENCE MINISTER CALLS ON CNS",
        "body": [
            "Colonel General Alexander Fomin, Deputy Defence Minister of the Russian Federation, called on "
            "Chief of the Naval Staff Admiral Naveed Ashraf at Naval Headquarters, Islamabad today.",
            "During the meeting, matters of mutual interest, the regional maritime security environment and "
            "avenues of bilateral naval collaboration, including training exchanges, were discussed.",
            "The visiting dignitary appreciated the professionalism of the Pakistan Navy and its contribution "
            "to maritime security in the Indian Ocean Region.",
            "Upon arrival, the dignitary was presented a guard of honour by a smartly turned out contingent "
            "of the Pakistan Navy.",
        ],
        "intro": "The Russian Deputy Defence Minister, on an official visit to Pakistan, also met the Navy "
        "leadership.",
        "negatives": [
            [
                "chief",
                [
                    [
                        "Chief of the Naval Staff Admiral Naveed Ashraf",
                        "Chief of the Air Staff Air Chief Marshal Zaheer Ahmed Babar Sidhu",
                    ],
                    ["Naval Headquarters", "Air Headquarters"],
                    ["maritime security environment", "security environment"],
                    ["naval collaboration", "air force collaboration"],
                    ["Pakistan Navy", "Pakistan Air Force"],
                    ["to maritime security in the Indian Ocean Region", "to regional peace"],
                ],
                0,
            ],
            [
                "chief",
                [
                    [
                        "Chief of the Naval Staff Admiral Naveed Ashraf at Naval Headquarters, Islamabad",
                        "Chairman Joint Chiefs of Staff Committee General Sahir Shamshad Mirza at Joint Staff "
                        "Headquarters, Rawalpindi",
                    ],
                    ["naval collaboration", "defence collaboration"],
                    ["Pakistan Navy", "Pakistan Armed Forces"],
                ],
                0,
            ],
        ],
    },
    {
        "id": "ibo-dik",
        "source": "ispr",
        "published": "2024-05-06",
        "pr_number": "101/2024-ISPR",
        "title": "SECURITY FORCES CONDUCT IBO IN DERA ISMAIL KHAN",
        "body": [
            "On 5 May 2024, security forces conducted an intelligence based operation in the general area "
            "Kulachi, Dera Ismail Khan District, on the reported presence of terrorists.",
            "During the conduct of the operation, own troops effectively engaged the terrorists' location and "
            "resultantly, four terrorists were sent to hell.",
            "Weapons, ammunition and explosives were also recovered from the killed terrorists, who remained "
            "actively involved in numerous terrorist activities against security forces.",
            "Sanitisation operation is being carried out to eliminate any other terrorist found in the area, "
            "as security forces of Pakistan are determined to wipe out the menace of terrorism from the "
            "country.",
        ],
        "revisable": ["four terrorists", "six terrorists"],
        "negatives": [
            ["district", [["Kulachi, Dera Ismail Khan", "Mir Ali, North Waziristan"]], 0],
            ["district", [["Kulachi, Dera Ismail Khan", "Tirah, Khyber"], ["On 5 May", "On 11 May"]], 6],
            ["count", [["four terrorists", "two terrorists"], ["On 5 May", "On 7 May"]], 2],
        ],
    },
    {
        "id": "ibo-shahadat",
        "source": "ispr",
        "published": "2023-11-20",
        "pr_number": "251/2023-ISPR",
        "title": "IBO IN TANK DISTRICT",
        "body": [
            "Security forces conducted an intelligence based operation in Tank District on the night of "
            "19/20 November 2023, on the reported presence of terrorists.",
            "During the intense exchange of fire, three terrorists were killed, while two terrorists were "
            "injured. However, during the fire exchange, Naik Ghulam Abbas, resident of District Layyah, "
            "having fought gallantly, embraced shahadat.",
            "Security forces of Pakistan, in step with the nation, are determined to thwart attempts to "
            "sabotage peace, stability and progress of Balochistan and Khyber Pakhtunkhwa.",
        ],
        "revisable": ["three terrorists were killed", "five terrorists were killed"],
        "intro": "Another soldier was martyred in Khyber Pakhtunkhwa on Monday as the military reported a "
        "fresh operation.",
        "negatives": [
            [
                "district",
                [
                    ["Tank District", "Lakki Marwat District"],
                    ["IN TANK", "IN LAKKI MARWAT"],
                    ["Naik Ghulam Abbas", "Sepoy Irfan Ullah"],
                    ["District Layyah", "District Karak"],
                ],
                3,
            ],
            [
                "count",
                [
                    ["three terrorists were killed, while two", "one terrorist was killed, while three"],
                    ["Naik Ghulam Abbas", "Lance Naik Shoaib"],
                    ["District Layyah", "District Bhakkar"],
                ],
                1,
            ],
        ],
    },
    {
        "id": "pma-parade",
        "source": "ispr",
        "published": "2024-04-20",
        "pr_number": "80/2024-ISPR",
        "title": "PASSING OUT PARADE AT PMA KAKUL",
        "body": [
            "The passing out parade of 149th PMA Long Course, 68th Integrated Course and 23rd Lady Cadet "
            "Course was held at Pakistan Military Academy, Kakul today.",
            "General Syed Asim Munir, Chief of Army Staff, was the chief guest at the occasion. He reviewed "
            "the parade and awarded prizes to the distinguished cadets.",
            "Sword of Honour was awarded to Battalion Senior Under Officer Hamza Tariq, while the President's "
            "Gold Medal went to Academy Under Officer Muhammad Anees.",
            "Addressing the parade, the COAS congratulated the newly commissioned officers and their proud "
            "parents, and said that the nation reposes great trust in the Armed Forces.",
            "Gentlemen cadets from friendly countries including Iraq, Palestine, Qatar, Sri Lanka and Nepal "
            "also passed out alongside.",
        ],
        "append": "The chief guest later met the families of the passing out cadets at the Academy's lawns.",
        "negatives": [
            [
                "course",
                [
                    [
                        "149th PMA Long Course, 68th Integrated Course and 23rd Lady Cadet Course",
                        "150th PMA Long Course, 69th Integrated Course and 24th Lady Cadet Course",
                    ],
                    ["Hamza Tariq", "Saad Ahmed"],
                    ["Muhammad Anees", "Usman Khalid"],
                ],
                3,
            ],
            [
                "course",
                [
                    [
                        "149th PMA Long Course, 68th Integrated Course and 23rd Lady Cadet Course",
                        "63rd Technical Graduate Course",
                    ],
                    ["Hamza Tariq", "Faizan Raza"],
                ],
                2,
            ],
        ],
    },
    {
        "id": "ccc",
        "source": "ispr",
        "published": "2024-06-12",
        "pr_number": "131/2024-ISPR",
        "title": "265TH CORPS COMMANDERS CONFERENCE",
        "body": [
            "The 265th Corps Commanders' Conference was held at General Headquarters, Rawalpindi under the "
            "chairmanship of General Syed Asim Munir, Chief of Army Staff.",
            "The forum offered Fateha for the Shuhada of the armed forces, law enforcement agencies and "
            "citizens who laid down their lives for the peace and stability of the country.",
            "The forum was given a comprehensive briefing on the prevailing internal security situation, "
            "and expressed resolve to continue operations against terrorists and their facilitators.",
            "The forum also reviewed the progress of the Special Investment Facilitation Council and "
            "appreciated the Army's support to the government's initiatives for economic revival.",
        ],
        "intro": "Pakistan's top military commanders met in Rawalpindi on Wednesday.",
        "negatives": [
            ["count", [["265th", "266th"], ["265TH", "266TH"]], 2],
            [
                "visitor",
                [
                    ["265th Corps Commanders' Conference", "Formation Commanders' Conference"],
                    ["265TH CORPS COMMANDERS", "FORMATION COMMANDERS"],
                ],
                1,
            ],
        ],
    },
    {
        "id": "saudi-cgs",
        "source": "ispr",
        "published": "2024-01-17",
        "pr_number": "12/2024-ISPR",
        "title": "SAUDI LAND FORCES COMMANDER CALLS ON COAS",
        "body": [
            "Lieutenant General Fahd bin Abdullah Al-Mutair, Commander Royal Saudi Land Forces, called on "
            "the Chief of Army Staff at GHQ today.",
            "Matters of mutual interest, regional security situation and measures to enhance bilateral "
            "defence and security cooperation, particularly in training and counter terrorism, were "
            "discussed.",
            "The COAS said that Pakistan and Saudi Arabia are bound in brotherly relations rooted in common "
            "faith and shared history.",
            "The visiting dignitary appreciated the professionalism of Pakistan Army and its contributions to "
            "regional peace.",
        ],
        "append": "He also thanked the COAS for the warm welcome and said the Kingdom values Pakistan's "
        "support.",
        "negatives": [
            [
                "visitor",
                [
                    [
                        "Lieutenant General Fahd bin Abdullah Al-Mutair, Commander Royal Saudi Land Forces",
                        "Major General Sheikh Hamad bin Abdullah Al Khalifa, Commander Royal Guard of Bahrain",
                    ],
                    ["Saudi Arabia", "Bahrain"],
                ],
                2,
            ],
            [
                "visitor",
                [
                    [
                        "Lieutenant General Fahd bin Abdullah Al-Mutair, Commander Royal Saudi Land Forces",
                        "General Fayyadh bin Hamed Al-Ruwaili, Chief of General Staff of Saudi Arabia",
                    ]
                ],
                5,
            ],
        ],
    },
    {
        "id": "flood-relief",
        "source": "ispr",
        "published": "2022-08-28",
        "pr_number": "402/2022-ISPR",
        "title": "ARMY FLOOD RELIEF OPERATIONS CONTINUE IN SINDH",
        "body": [
            "Army troops continue rescue and relief operations in flood-affected areas of Sindh, including "
            "Dadu, Khairpur, Naushahro Feroze and Jamshoro districts.",
            "During the last 24 hours, 1,625 people were evacuated to safer places by army aviation "
            "helicopters and boats, while 82 relief camps have been established.",
            "Army medical teams have treated over 6,300 patients in 47 free medical camps, and the Army "
            "has donated one day's ration for the affectees.",
            "Rescue and relief efforts will continue till the last affectee is rehabilitated.",
        ],
        "intro": "The army kept up its relief work on Sunday as flood water spread across Sindh.",
        "negatives": [
            [
                "district",
                [
                    [
                        "Sindh, including Dadu, Khairpur, Naushahro Feroze and Jamshoro districts",
                        "Balochistan, including Jaffarabad, Naseerabad, Lasbela and Jhal Magsi districts",
                    ],
                    ["SINDH", "BALOCHISTAN"],
                ],
                0,
            ],
            [
                "count",
                [
                    ["1,625 people", "2,160 people"],
                    ["82 relief camps", "97 relief camps"],
                    ["6,300 patients in 47", "7,850 patients in 53"],
                ],
                1,
            ],
        ],
    },
    {
        "id": "coas-korps-gujranwala",
        "source": "ispr",
        "published": "2023-09-14",
        "pr_number": "188/2023-ISPR",
        "title": "COAS VISITS GUJRANWALA CORPS",
        "body": [
            "Chief of Army Staff visited Headquarters Gujranwala Corps today. On arrival, the COAS was "
            "received by Lieutenant General Shahid Imtiaz, Commander Gujranwala Corps.",
            "The COAS witnessed a field training exercise of a mechanised formation at Gujranwala ranges, "
            "and was briefed on the formation's operational preparedness and training.",
            "While interacting with officers and men, the COAS appreciated the high standard of training and "
            "urged them to keep abreast of the evolving nature of warfare.",
        ],
        "append": "He also visited the Combined Military Hospital and inquired after the health of the "
        "patients.",
        "negatives": [
            [
                "district",
                [
                    ["Gujranwala Corps", "Mangla Corps"],
                    ["Shahid Imtiaz", "Shahid Nazir"],
                    ["Gujranwala ranges", "Tilla ranges"],
                    ["GUJRANWALA", "MANGLA"],
                ],
                4,
            ],
            [
                "district",
                [
                    ["Gujranwala Corps", "Bahawalpur Corps"],
                    ["Shahid Imtiaz", "Kashif Nazir"],
                    ["mechanised formation at Gujranwala ranges", "strike formation in Cholistan"],
                    ["GUJRANWALA", "BAHAWALPUR"],
                ],
                1,
            ],
        ],
    },
    {
        "id": "un-medals",
        "source": "ispr",
        "published": "2023-03-02",
        "pr_number": "44/2023-ISPR",
        "title": "PAKISTANI PEACEKEEPERS AWARDED UN MEDALS",
        "body": [
            "A medal parade was held at Bukavu, Democratic Republic of the Congo, where 1,120 Pakistani "
            "peacekeepers of PAKBATT-1 serving with MONUSCO were awarded UN medals.",
            "The Force Commander MONUSCO, Lieutenant General Otavio Rodrigues de Miranda Filho, was the chief "
            "guest. He praised the Pakistani contingent for its professionalism and its role in protecting "
            "civilians.",
            "Pakistan has been one of the largest contributors to UN peacekeeping, with more than 235,000 "
            "troops having served in 48 missions across the globe.",
        ],
        "intro": "Pakistan's troops serving under the blue helmet were honoured in Africa this week.",
        "negatives": [
            [
                "district",
                [
                    ["Bukavu, Democratic Republic of the Congo", "Bangui, Central African Republic"],
                    ["1,120", "1,040"],
                    ["PAKBATT-1", "PAKBATT-3"],
                    ["MONUSCO", "MINUSCA"],
                    [
                        "Lieutenant General Otavio Rodrigues de Miranda Filho",
                        "Lieutenant General Humberto Ortiz",
                    ],
                ],
                5,
            ],
            ["count", [["1,120", "850"], ["PAKBATT-1", "PAKBATT-2"]], 2],
        ],
    },
    {
        "id": "medical-camp-turbat",
        "source": "ispr",
        "published": "2021-10-18",
        "pr_number": "188/2021-ISPR",
        "title": "FREE MEDICAL CAMP HELD AT TURBAT",
        "body": [
            "Pakistan Army, in collaboration with the civil administration, organised a free medical camp at "
            "Turbat, Kech District.",
            "Specialist doctors of the Combined Military Hospital Panjgur examined more than 1,200 patients, "
            "including women and children, and free medicines were distributed among them.",
            "The local people appreciated the efforts of Pakistan Army for providing quality healthcare at "
            "their doorstep.",
        ],
        "append": "The camp will continue for two more days at the District Headquarters Hospital.",
        "negatives": [
            [
                "district",
                [
                    ["Turbat, Kech District", "Awaran, Awaran District"],
                    ["Combined Military Hospital Panjgur", "Combined Military Hospital Khuzdar"],
                    ["TURBAT", "AWARAN"],
                ],
                3,
            ],
            ["count", [["1,200 patients", "800 patients"], ["Panjgur", "Quetta"]], 1],
        ],
    },
    {
        "id": "loc-visit",
        "source": "ispr",
        "published": "2019-01-14",
        "pr_number": "17/2019-ISPR",
        "title": "COAS VISITS LINE OF CONTROL",
        "body": [
            "Chief of Army Staff visited troops deployed along the Line of Control in Rawalakot Sector today.",
            "The COAS was briefed on the situation along the LoC and the recent ceasefire violations by the "
            "Indian Army, which have targeted the civilian population.",
            "The COAS appreciated the troops for their befitting response and said that the Army is fully "
            "prepared to respond to any misadventure.",
            "Earlier, on arrival, the COAS was received by Lieutenant General Nadeem Raza, Commander "
            "Rawalpindi Corps.",
        ],
        "intro": "The army chief spent a day on the de facto border in Kashmir.",
        "negatives": [
            [
                "district",
                [["Rawalakot Sector", "Neelum Valley"], ["Nadeem Raza", "Azhar Abbas"]],
                4,
            ],
            [
                "district",
                [["Rawalakot Sector", "Hajira Sector"], ["Commander Rawalpindi Corps", "GOC Rawalakot"]],
                2,
            ],
        ],
    },
]
