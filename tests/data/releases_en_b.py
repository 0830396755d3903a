# ruff: noqa: E501  (release texts are data, kept one sentence per line where possible)
"""Hand-written releases (Navy and PAF) from which tests/data/dedup_pairs.jsonl is built; see
releases_en_a.py for the fields."""

RELEASES = [
    {
        "id": "pns-saif-colombo",
        "source": "paknavy",
        "published": "2024-10-29",
        "title": "PNS SAIF Arrives at Colombo on Goodwill Visit",
        "body": [
            "Pakistan Navy Ship SAIF, currently on Regional Maritime Security Patrol in the Indian Ocean, "
            "arrived at Colombo, Sri Lanka on a goodwill visit.",
            "On arrival, the ship was warmly received by officials of the Sri Lanka Navy and the Defence "
            "Attache of Pakistan in Colombo.",
            "During the stay in harbour, the Commanding Officer of the ship will call on senior officials of "
            "the Sri Lanka Navy, and the crew will take part in professional and sports interactions.",
            "The visit is part of Pakistan Navy's efforts to enhance maritime collaboration with friendly "
            "navies in the region.",
        ],
        "intro": "A Pakistani warship docked in the Sri Lankan capital this week.",
        "negatives": [
            [
                "district",
                [
                    ["Colombo, Sri Lanka", "Chittagong, Bangladesh"],
                    ["Sri Lanka Navy", "Bangladesh Navy"],
                    ["Colombo", "Chittagong"],
                ],
                2,
            ],
            [
                "visitor",
                [["Pakistan Navy Ship SAIF", "Pakistan Navy Ship TAIMUR"], ["SAIF", "TAIMUR"]],
                1,
            ],
        ],
    },
    {
        "id": "narcotics-seizure",
        "source": "paknavy",
        "published": "2024-12-05",
        "title": "Pakistan Navy Seizes Large Quantity of Narcotics in North Arabian Sea",
        "body": [
            "In a successful operation, Pakistan Navy Ship ASLAT, deployed for Maritime Security Patrol, "
            "seized 1,200 kilograms of hashish from a dhow in the North Arabian Sea.",
            "The estimated value of the seized narcotics in the international market is around USD 4.8 "
            "million. The dhow and its crew were handed over to the Anti Narcotics Force for legal "
            "proceedings.",
            "Pakistan Navy remains committed to curbing illegal activities at sea, including drug "
            "trafficking, in line with its maritime security responsibilities.",
        ],
        "append": "This is the third such seizure by Pakistan Navy units during the current year.",
        "negatives": [
            [
                "count",
                [
                    ["1,200 kilograms of hashish", "850 kilograms of crystal meth"],
                    ["USD 4.8 million", "USD 12 million"],
                ],
                3,
            ],
            [
                "visitor",
                [
                    ["Pakistan Navy Ship ASLAT", "Pakistan Navy Ship YARMOOK"],
                    ["North Arabian Sea", "Gulf of Oman"],
                    ["1,200", "2,000"],
                ],
                2,
            ],
        ],
    },
    {
        "id": "navy-medical-gwadar",
        "source": "paknavy",
        "published": "2024-12-19",
        "title": "Pakistan Navy Organises Free Medical Camp for Coastal Communities in Gwadar",
        "body": [
            "Pakistan Navy organised a three-day free medical camp for the coastal communities of Gwadar "
            "and its adjoining areas.",
            "Specialist doctors, including gynaecologists, paediatricians and eye specialists, provided "
            "consultation and medicines to more than 2,500 patients. Minor surgeries were also performed.",
            "The local community and district administration lauded the efforts of Pakistan Navy for the "
            "welfare of the people of the coastal belt.",
        ],
        "intro": "Residents of Balochistan's coast received free treatment from navy doctors.",
        "negatives": [
            [
                "district",
                [["Gwadar", "Ormara"], ["2,500 patients", "1,800 patients"]],
                4,
            ],
            [
                "district",
                [["Gwadar and its adjoining areas", "Pasni and Jiwani"], ["in Gwadar", "in Pasni"]],
                1,
            ],
        ],
    },
    {
        "id": "naval-academy-parade",
        "source": "ispr",
        "published": "2024-06-01",
        "pr_number": "120/2024-ISPR",
        "title": "COMMISSIONING PARADE HELD AT PAKISTAN NAVAL ACADEMY",
        "body": [
            "The commissioning parade of 121st Midshipmen and 29th Short Service Commission Course was held "
            "at Pakistan Naval Academy, Karachi.",
            "Commander Karachi, Vice Admiral Abdul Samad, was the chief guest at the ceremony, who reviewed "
            "the parade and awarded prizes to the outstanding cadets.",
            "The coveted Sword of Honour was awarded to Midshipman Ali Raza, while the Quaid-e-Azam Gold "
            "Medal was conferred on Midshipman Hassan Mehmood.",
            "Officer cadets from friendly countries, including Saudi Arabia, Bahrain and Qatar, also passed "
            "out along with Pakistani cadets.",
        ],
        "append": "The parents of the passing out cadets witnessed the ceremony with pride.",
        "negatives": [
            [
                "course",
                [
                    [
                        "121st Midshipmen and 29th Short Service Commission Course",
                        "122nd Midshipmen and 30th Short Service Commission Course",
                    ],
                    ["Ali Raza", "Umar Farooq"],
                    ["Hassan Mehmood", "Bilal Saeed"],
                ],
                3,
            ],
            [
                "course",
                [
                    [
                        "121st Midshipmen and 29th Short Service Commission Course",
                        "46th Officer Cadets Course",
                    ],
                    ["Vice Admiral Abdul Samad", "Rear Admiral Faisal Amin"],
                    ["Ali Raza", "Danish Iqbal"],
                ],
                0,
            ],
        ],
    },
    {
        "id": "aman-exercise",
        "source": "ispr",
        "published": "2025-02-07",
        "pr_number": "29/2025-ISPR",
        "title": "MULTINATIONAL MARITIME EXERCISE AMAN-25 COMMENCES",
        "body": [
            "The 9th edition of the Multinational Maritime Exercise AMAN-25 commenced at Karachi with a "
            "flag hoisting ceremony, attended by delegations from 60 countries.",
            "Commander Pakistan Fleet, Vice Admiral Muhammad Faisal Abbasi, welcomed the participants and "
            "said that the exercise promotes the shared resolve of a safe and secure maritime environment.",
            "The exercise will comprise a harbour phase, including the International Maritime Conference, "
            "and a sea phase in the North Arabian Sea.",
        ],
        "intro": "Navies from dozens of countries gathered in Karachi for Pakistan's flagship exercise.",
        "negatives": [
            [
                "course",
                [
                    ["9th edition", "9th edition"],
                    [
                        "commenced at Karachi with a flag hoisting ceremony",
                        "concluded at Karachi with an impressive international fleet review",
                    ],
                    ["COMMENCES", "CONCLUDES"],
                    ["will comprise", "comprised"],
                ],
                3,
            ],
            [
                "count",
                [
                    ["from 60 countries", "from 46 countries"],
                    ["9th edition", "8th edition"],
                    ["AMAN-25", "AMAN-23"],
                ],
                0,
            ],
        ],
    },
    {
        "id": "rescue-dhow",
        "source": "paknavy",
        "published": "2024-11-05",
        "title": "Pakistan Navy Rescues Crew of Sinking Cargo Dhow off Ormara",
        "body": [
            "Pakistan Navy Ship KASHIF, on patrol in the North Arabian Sea, responded to a distress call "
            "from a cargo dhow sinking about 45 nautical miles south of Ormara.",
            "The ship's boarding team reached the dhow in rough seas and rescued all 11 crew members, who "
            "were provided first aid and food on board.",
            "The rescued crew were later brought to Karachi and handed over to the relevant authorities.",
        ],
        "revisable": ["all 11 crew members", "all 12 crew members"],
        "negatives": [
            [
                "district",
                [["45 nautical miles south of Ormara", "30 nautical miles off Jiwani"], ["Ormara", "Jiwani"]],
                2,
            ],
            [
                "count",
                [
                    ["all 11 crew members", "7 fishermen"],
                    ["cargo dhow", "fishing boat"],
                    ["KASHIF", "HUNAIN"],
                ],
                1,
            ],
        ],
    },
    {
        "id": "paf-academy-parade",
        "source": "paf",
        "published": "2024-11-28",
        "title": "Graduation Parade Held at PAF Academy Asghar Khan",
        "body": [
            "The graduation parade of 150th GD(P), 97th Engineering, 108th Air Defence and 16th Aerospace "
            "Engineering courses was held at PAF Academy Asghar Khan, Risalpur.",
            "Air Chief Marshal Zaheer Ahmed Babar Sidhu, Chief of the Air Staff, was the chief guest. On "
            "arrival, the Air Chief was received by Air Vice Marshal Mohammad Amir Rafiq, Commandant PAF "
            "Academy.",
            "The Chief of the Air Staff conferred the Sword of Honour on Flight Cadet Ahmed Kamal, while the "
            "Quaid-e-Azam Trophy went to Flight Cadet Zainab Ali.",
            "In his address, the Air Chief urged the graduating officers to uphold the highest traditions of "
            "the Pakistan Air Force.",
        ],
        "append": "The parade culminated in an impressive flypast by PAF fighter aircraft.",
        "negatives": [
            [
                "course",
                [
                    [
                        "150th GD(P), 97th Engineering, 108th Air Defence and 16th Aerospace Engineering",
                        "151st GD(P), 98th Engineering, 109th Air Defence and 17th Aerospace Engineering",
                    ],
                    ["Ahmed Kamal", "Hamza Yousaf"],
                    ["Zainab Ali", "Maryam Iqbal"],
                ],
                2,
            ],
            [
                "chief",
                [
                    [
                        "Air Chief Marshal Zaheer Ahmed Babar Sidhu, Chief of the Air Staff",
                        "General Sahir Shamshad Mirza, Chairman Joint Chiefs of Staff Committee",
                    ],
                    ["the Air Chief", "the Chairman"],
                    ["The Chief of the Air Staff", "The Chairman"],
                    ["Ahmed Kamal", "Fahad Saleem"],
                ],
                0,
            ],
        ],
    },
    {
        "id": "uzbek-air-chief",
        "source": "paf",
        "published": "2024-10-29",
        "title": "Commander of Uzbekistan Air and Air Defence Forces Calls on Air Chief",
        "body": [
            "Major General Ahmad Jon Burkhanov, Commander of the Air and Air Defence Forces of Uzbekistan, "
            "called on Air Chief Marshal Zaheer Ahmed Babar Sidhu, Chief of the Air Staff, at Air "
            "Headquarters, Islamabad.",
            "Both sides discussed matters of mutual interest, including training collaboration, joint "
            "exercises and the exchange of expertise in aviation maintenance.",
            "The visiting dignitary praised the operational preparedness of the PAF and expressed the desire "
            "to benefit from its experience in combat training.",
            "Earlier, on arrival at Air Headquarters, a smartly turned out contingent of the PAF presented "
            "the guard of honour to the dignitary.",
        ],
        "intro": "Uzbekistan's air force chief arrived in Islamabad for talks.",
        "negatives": [
            [
                "visitor",
                [
                    [
                        "Major General Ahmad Jon Burkhanov, Commander of the Air and Air Defence Forces of "
                        "Uzbekistan",
                        "Lieutenant General Ramiz Tahirov, Commander of the Azerbaijan Air Force",
                    ],
                    [
                        "Commander of Uzbekistan Air and Air Defence Forces",
                        "Commander of Azerbaijan Air Force",
                    ],
                    ["aviation maintenance", "aerospace engineering"],
                ],
                3,
            ],
            [
                "visitor",
                [
                    [
                        "Major General Ahmad Jon Burkhanov, Commander of the Air and Air Defence Forces of "
                        "Uzbekistan",
                        "Air Marshal Mohamed Asghar Khan, Chief of the Royal Malaysian Air Force",
                    ],
                    [
                        "Commander of Uzbekistan Air and Air Defence Forces",
                        "Chief of Royal Malaysian Air Force",
                    ],
                ],
                0,
            ],
        ],
    },
    {
        "id": "paf-induction",
        "source": "ispr",
        "published": "2024-10-10",
        "pr_number": "271/2024-ISPR",
        "title": "PAF INDUCTS J-10C AIRCRAFT",
        "body": [
            "A ceremony was held at PAF Base Minhas, Kamra to mark the induction of J-10C aircraft into "
            "No 15 Squadron Cobras of the Pakistan Air Force.",
            "Chief of the Air Staff, Air Chief Marshal Zaheer Ahmed Babar Sidhu, graced the occasion as the "
            "chief guest and said that the induction will add a potent dimension to the force.",
            "Six J-10C aircraft performed a flypast on the occasion, showcasing their agility.",
        ],
        "append": "The ceremony was attended by senior serving and retired officers of the PAF.",
        "negatives": [
            [
                "count",
                [
                    ["No 15 Squadron Cobras", "No 11 Squadron Arrows"],
                    ["Minhas, Kamra", "Sargodha"],
                    ["Six J-10C", "Four J-10C"],
                ],
                3,
            ],
            [
                "count",
                [
                    ["Six J-10C", "Eight JF-17 Block III"],
                    ["J-10C aircraft", "JF-17 Block III aircraft"],
                    ["J-10C AIRCRAFT", "JF-17 BLOCK III"],
                    ["No 15 Squadron Cobras", "No 16 Squadron Black Panthers"],
                ],
                1,
            ],
        ],
    },
    {
        "id": "paf-evacuate-gb",
        "source": "paf",
        "published": "2024-07-25",
        "title": "PAF Helicopters Evacuate Stranded Tourists in Gilgit-Baltistan",
        "body": [
            "PAF helicopters carried out a rescue mission to evacuate tourists stranded near Fairy Meadows, "
            "Gilgit-Baltistan, after landslides blocked the Karakoram Highway.",
            "In multiple sorties flown in difficult weather, 37 tourists, including women and children, were "
            "airlifted to Gilgit, where they were provided medical care.",
            "The tourists and their families thanked the PAF for the timely response.",
        ],
        "revisable": ["37 tourists", "42 tourists"],
        "intro": "An air force rescue mission brought visitors home from the northern mountains.",
        "negatives": [
            [
                "district",
                [
                    ["Fairy Meadows, Gilgit-Baltistan", "Naran, Khyber Pakhtunkhwa"],
                    ["in Gilgit-Baltistan", "in Khyber Pakhtunkhwa"],
                    ["airlifted to Gilgit", "airlifted to Mansehra"],
                ],
                2,
            ],
            ["district", [["Fairy Meadows", "Hunza Valley"], ["37 tourists", "21 tourists"]], 5],
        ],
    },
    {
        "id": "cas-bahrain",
        "source": "ispr",
        "published": "2024-04-22",
        "pr_number": "84/2024-ISPR",
        "title": "CHIEF OF THE AIR STAFF MEETS AZERBAIJANI AIR FORCE COMMANDER",
        "body": [
            "Lieutenant General Ramiz Tahirov, Commander of the Azerbaijan Air Force, called on Chief of the "
            "Air Staff at Air Headquarters, Islamabad today.",
            "Matters of mutual interest, regional security and avenues of cooperation in the fields of "
            "training and aerospace were discussed.",
            "The Air Chief said that Pakistan and Azerbaijan enjoy deep rooted fraternal ties, which have "
            "strengthened over the years.",
        ],
        "append": "The dignitary also visited the Air Headquarters' Shuhada monument and laid a wreath.",
        "negatives": [
            [
                "chief",
                [
                    [
                        "Chief of the Air Staff at Air Headquarters, Islamabad",
                        "Chief of Army Staff at General Headquarters, Rawalpindi",
                    ],
                    ["training and aerospace", "training and defence production"],
                    ["The Air Chief", "The COAS"],
                ],
                0,
            ],
            [
                "visitor",
                [
                    [
                        "Lieutenant General Ramiz Tahirov, Commander of the Azerbaijan Air Force",
                        "General Mehmet Kadioglu, Commander of the Turkish Air Force",
                    ],
                    ["Pakistan and Azerbaijan", "Pakistan and Turkiye"],
                    ["AZERBAIJANI AIR FORCE", "TURKISH AIR FORCE"],
                ],
                4,
            ],
        ],
    },
    {
        "id": "navy-staff-talks",
        "source": "paknavy",
        "published": "2024-11-27",
        "title": "Pakistan Navy Hosts Navy-to-Navy Staff Talks with Royal Navy of Oman",
        "body": [
            "The 14th round of Navy-to-Navy Staff Talks between Pakistan Navy and the Royal Navy of Oman was "
            "held at Naval Headquarters, Islamabad.",
            "The Omani delegation was led by Commodore Saif bin Nasser Al-Rahbi, while the Pakistani side was "
            "headed by Rear Admiral Shifaat Ali Khan.",
            "The talks covered bilateral exercises, training exchanges, hydrography and maritime security "
            "cooperation, and both sides agreed to further expand collaboration.",
        ],
        "intro": "Naval officers of Pakistan and Oman met in Islamabad.",
        "negatives": [
            [
                "count",
                [["14th round", "15th round"], ["Saif bin Nasser Al-Rahbi", "Khalid bin Said Al-Hashmi"]],
                6,
            ],
            [
                "visitor",
                [
                    ["Royal Navy of Oman", "Royal Saudi Naval Forces"],
                    ["Omani", "Saudi"],
                    ["Saif bin Nasser Al-Rahbi", "Fahd bin Nasser Al-Shehri"],
                ],
                1,
            ],
        ],
    },
    {
        "id": "beach-cleaning",
        "source": "ispr",
        "published": "2023-03-27",
        "pr_number": "71/2023-ISPR",
        "title": "PAKISTAN NAVY CONDUCTS BEACH CLEANING CAMPAIGN ALONG KARACHI COAST",
        "body": [
            "Pakistan Navy conducted a beach cleaning campaign at Sea View and Clifton beaches, Karachi, to "
            "create awareness about marine pollution.",
            "Naval personnel, students of Bahria College and volunteers from civil society collected more "
            "than 4 tons of plastic and other waste from the beach.",
            "The campaign is part of Pakistan Navy's efforts to protect the marine environment and promote "
            "a clean and green Pakistan.",
        ],
        "intro": "Sailors and students spent Sunday clearing rubbish from the city's beaches.",
        "negatives": [
            [
                "district",
                [
                    ["Sea View and Clifton beaches, Karachi", "Gwadar East Bay beach"],
                    ["KARACHI COAST", "GWADAR COAST"],
                ],
                3,
            ],
            ["count", [["more than 4 tons", "about 2 tons"], ["Bahria College", "Cadet College Petaro"]], 0],
        ],
    },
    {
        "id": "ace-meet",
        "source": "paf",
        "published": "2025-02-14",
        "title": "PAF Contingent Returns After Multinational Air Exercise",
        "body": [
            "A PAF contingent returned home after participating in the multinational air exercise Spears of "
            "Victory 2025, held at King Abdulaziz Air Base, Dhahran, Saudi Arabia.",
            "The exercise was aimed at enhancing interoperability among participating air forces, and PAF "
            "pilots flew complex missions alongside the Royal Saudi Air Force and other air forces.",
            "The PAF contingent was lauded for its professional conduct, flying skills and combat "
            "employment of its JF-17 aircraft.",
        ],
        "append": "On return, the contingent was received by the Air Officer Commanding at the base.",
        "negatives": [
            [
                "district",
                [
                    [
                        "Spears of Victory 2025, held at King Abdulaziz Air Base, Dhahran, Saudi Arabia",
                        "Anatolian Eagle 2025, held at Konya Air Base, Turkiye",
                    ],
                    ["Royal Saudi Air Force", "Turkish Air Force"],
                ],
                3,
            ],
            [
                "visitor",
                [["returned home after participating in", "departed for"], ["Returns After", "Departs for"]],
                2,
            ],
        ],
    },
]
