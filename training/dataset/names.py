"""People's names from many regions, nicknames, and names synthesized from syllables.

A tiny model copies a name it has never seen only if training showed it thousands of
unseen-looking names, so besides the real pools (European, African, South and East
Asian, Middle Eastern, Latin American) a quarter of names are built from syllables.
"""

from __future__ import annotations

GIVEN_NAMES: dict[str, str] = {
    "europe": """Maria Anna Sofia Emma Olivia Lena Clara Ingrid Astrid Freya Sigrid Elin Maja Zofia Agnieszka
Katarzyna Małgorzata Ewa Jana Zuzana Petra Tereza Ilona Réka Zsófia Ioana Elena Andreea Dorota Marta
Chiara Giulia Francesca Beatriz Inês Leonor Carmen Lucía Núria Pilar Amélie Chloé Léa Manon Élodie
Margot Hélène Anouk Fenna Saskia Liesbeth Greta Heike Ulrike Annika Siobhan Aoife Niamh Saoirse Eilidh
Isla Harriet Imogen Rosie Philippa Daphne Eleni Katerina Despina Dragana Milica Jelena Ana Iva Tatiana
Olga Svetlana Natalia Oksana Yulia Daria Björk Guðrún Mette Signe Tove Riikka Aino Liisa Kaja Eva Nora
James Thomas Oliver George Henry Harry Jack William Callum Lachlan Ewan Ciarán Oisín Seán Pádraig
Lukas Jonas Felix Maximilian Moritz Jörg Jürgen Dieter Matthias Sebastian Florian Tobias Niklas Lars
Sven Magnus Henrik Mikkel Søren Anders Jesper Eero Juha Mikko Antti Pieter Joris Bram Sander Thijs
Luca Matteo Lorenzo Giovanni Alessandro Davide Marco Stefano Pablo Javier Alejandro Sergio Íñigo Jordi
Álvaro Raúl Joaquín João Tiago Gonçalo Rui Duarte Pierre Antoine Étienne Théo Hugo Rémi Jérôme Benoît
Piotr Paweł Krzysztof Łukasz Tomasz Wojciech Jakub Ondřej Tomáš Martin Miroslav Dušan Zoltán Gábor
Bence Ádám Andrei Mihai Bogdan Radu Dimitris Giorgos Nikos Stavros Luka Marko Nikola Stefan Ivan Dmitri
Sergei Alexei Mikhail Yaroslav Taras Bohdan Ólafur Kristján Rasmus Emil Viktor Oskar Anton""",
    "africa": """Amara Chiamaka Ngozi Adaeze Chidinma Funmilayo Yetunde Folake Abimbola Temitope Oluwaseun
Nkechi Ifeoma Zainab Aisha Fatoumata Aminata Mariama Awa Khadija Nadia Wanjiru Njeri Achieng Akinyi
Nyokabi Wambui Zawadi Imani Neema Rehema Thandiwe Nomvula Lindiwe Zanele Naledi Palesa Lerato Busisiwe
Nandi Sipho Ama Efua Akosua Abena Esi Adjoa Afia Yaa Makena Lulit Hiwot Selam Meron Tigist Bethlehem
Marieme Ndeye Sokhna Fanta Hawa Kadiatou Oumou Rokia Nafissatou Chinedu Emeka Obinna Chukwuemeka
Ikenna Nnamdi Tunde Babajide Olumide Adebayo Oluwadamilare Femi Segun Kayode Kwame Kofi Kwabena Kwesi
Yaw Kojo Kwaku Ekow Fiifi Mensah Jomo Kamau Otieno Ochieng Mwangi Kipchoge Baraka Juma Jabari Tendai
Tafadzwa Farai Tinashe Kudakwashe Themba Thabo Mandla Sizwe Bongani Lwazi Luthando Moussa Mamadou
Ousmane Ibrahima Cheikh Modou Lamine Abdoulaye Seydou Boubacar Amadou Tesfaye Dawit Yohannes Abebe
Bereket Haile Kebede Solomon Chidi Uche Ayodele Idris Karim Youssef""",
    "south_asia": """Priya Ananya Aditi Kavya Meera Lakshmi Deepika Shreya Pooja Neha Divya Anjali Riya Ishita
Aishwarya Nandini Sneha Swati Tanvi Sanjana Radhika Gauri Madhuri Sunita Rekha Farzana Nusrat Tahmina
Ayesha Sadia Mehreen Sana Hina Rabia Nimmi Tharushi Dilini Sanduni Anushka Bindu Arjun Rahul Rohan
Vikram Aditya Siddharth Karthik Vivek Ankit Amit Sanjay Rajesh Suresh Ganesh Mahesh Pranav Varun
Nikhil Abhishek Harsh Kunal Ishaan Aarav Vihaan Reyansh Dhruv Rohit Manish Naveen Prakash Venkat
Srinivas Raghav Gaurav Imran Faisal Bilal Usman Hamza Zubair Asif Tanvir Rafiq Shakib Mahmudul Kasun
Chamara Nuwan Dinesh Lahiru Sandeep Gurpreet Harpreet Manpreet Jaspreet Simran Navjot Lutfi Sid""",
    "east_asia": """Wei Fang Jing Li Na Xiu Ying Mei Lan Hui Yan Xiaoling Jiayi Yuxin Zihan Shu Ling
Yuki Haruka Sakura Aoi Yui Hina Misaki Ayaka Naoko Keiko Emiko Tomoko Akiko Mai Rin Nanami Ji-woo
Seo-yeon Min-ji Ha-eun Soo-ah Ye-jin Eun-ji Hye-jin Ji-hye Su-bin Thảo Linh Lan Hương Mai Ngọc Trang
Hạnh Phương Siriporn Ploy Nok Malee Kannika Chen Hao Jun Lei Ming Tao Yang Yong Zhiwei Haoran Zixuan
Jian Bo Kenji Hiroshi Takeshi Haruto Ren Sota Daiki Yuto Kaito Riku Shota Takumi Min-jun Seo-jun
Ji-ho Do-yoon Jae-won Hyun-woo Sung-min Tae-yang Minh Quang Huy Tuấn Dũng Khoa Bảo Long Somchai
Anurak Niran Kittisak Arthit Rizal Budi Agus Dewi Siti Putri Ayu Wayan Reza""",
    "middle_east": """Fatima Maryam Layla Noor Yasmin Leila Amira Salma Rania Hana Dalia Huda Lina Rana Samira
Zeynep Elif Ayşe Emine Büşra Merve Şule Derya Gül Sevgi Shirin Parisa Nasrin Roya Mina Azadeh Niloufar
Tal Noa Yael Shira Maya Tamar Ronit Dana Mohammed Ahmed Omar Ali Hassan Hussein Khaled Tariq Ziad
Samir Walid Nabil Rami Hamid Mustafa Emre Mehmet Murat Burak Kerem Oğuz Çağrı Ömer Barış Arash Dariush
Kian Babak Farid Reza Navid Amir Yosef Avi Itai Eitan Noam Uri Ido Sami Fadi Jalal Bashir""",
    "latin_america": """Valentina Camila Isabella Mariana Gabriela Daniela Fernanda Ximena
Luciana Renata Paula
Natalia Catalina Florencia Agustina Milagros Guadalupe Itzel Yareli Dulce Lupita Rocío Marisol Paloma
Araceli Yesenia Jimena Julieta Antonella Thaís Larissa Juliana Letícia Bruna Vitória Raíssa Aline
Santiago Mateo Sebastián Diego Nicolás Joaquín Emiliano Leonardo Andrés Felipe Tomás Ignacio Cristóbal
Rodrigo Gonzalo Facundo Maximiliano Benjamín Agustín Eduardo Fernando Ricardo Héctor Arturo Alejandro
Rafael Lucas Gabriel Gustavo Thiago Caio Enzo Vinícius Murilo Otávio Luiz Jorge Ernesto Esteban Rubén
Iván Ramón Alonso""",
    "north_america_oceania": """Emily Madison Abigail Hannah Ashley Brittany Kayla Taylor Morgan Jordan Riley
Avery Harper Brooklyn Savannah Addison Aubrey Kennedy Peyton Mackenzie Jasmine Destiny Aaliyah Imani
Keisha Latoya Shanice Tiana Kiri Aroha Mere Anahera Michael Christopher Matthew Joshua Andrew Ryan
Tyler Brandon Justin Kevin Jason Austin Dylan Logan Mason Carter Hunter Wyatt Tristan Caleb Jamal
DeShawn Malik Darnell Tyrone Marcus Andre Wiremu Tane Rawiri Koa Kai Makoa""",
}

FAMILY_NAMES: dict[str, str] = {
    "europe": """Müller Schmidt Schneider Fischer Weber Becker Wagner Hoffmann Schäfer Koch Richter Klein
Wolf Schröder Neumann Braun Zimmermann Krüger Hartmann Lange Smith Jones Williams Brown Taylor Davies
Evans Wilson Thomas Roberts Johnson Walker Wright Robinson Thompson Hughes Edwards Green Hall Wood
Harris Clarke Jackson O'Brien O'Connor Murphy Kelly Byrne Ryan Walsh Doyle McCarthy Gallagher
MacDonald Campbell Stewart Fraser Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino
Greco Bruno Gallo Conti De Luca Mancini García Martínez López Sánchez Pérez González Rodríguez
Fernández Gómez Díaz Moreno Jiménez Álvarez Romero Navarro Ruiz Muñoz Iglesias Silva Santos Ferreira
Pereira Oliveira Costa Rodrigues Martins Jesus Sousa Fernandes Gonçalves Gomes Lopes Marques Martin
Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel Garnier
Faure Rousseau Blanc Guérin Müllerová De Jong Jansen De Vries Van den Berg Van Dijk Bakker Visser
Smit Meijer De Boer Mulder Janssens Peeters Maes Jacobs Nowak Kowalski Wiśniewski Wójcik Kowalczyk
Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Novák Svoboda Dvořák Černý Procházka
Kučera Horváth Kovács Tóth Szabó Nagy Varga Popescu Ionescu Popa Stan Dumitru Papadopoulos Georgiou
Nikolaidis Ivanov Petrov Smirnov Kuznetsov Popov Sokolov Volkov Kovalenko Shevchenko Bondarenko
Jovanović Petrović Nikolić Horvat Kovačević Babić Hansen Johansen Nielsen Jensen Pedersen Andersson
Johansson Karlsson Nilsson Eriksson Larsson Lindqvist Virtanen Korhonen Mäkinen Nieminen Jónsson
Sigurðsson""",
    "africa": """Okafor Okonkwo Adeyemi Adebayo Olawale Balogun Eze Nwosu Obi Chukwu Okeke Ibekwe Onyekachi
Mensah Owusu Boateng Asante Osei Appiah Agyeman Darko Quaye Tetteh Kamau Mwangi Otieno Odhiambo Kariuki
Njoroge Wanjala Kiptoo Mutua Omondi Dlamini Nkosi Ndlovu Khumalo Mahlangu Zulu Mokoena Mthembu Naidoo
Botha Van der Merwe Diallo Traoré Keita Coulibaly Diop Ndiaye Sow Fall Camara Touré Cissé Bah
Kouyaté Sissoko Haile Tesfaye Bekele Gebremedhin Alemu Mekonnen Girma Abebe Moyo Chikwanha Banda Phiri
Mwale Tembo Lungu Mbeki Nyerere Ssempala Kagame Uwimana Habimana Mugisha""",
    "south_asia": """Sharma Verma Gupta Patel Shah Mehta Desai Joshi Iyer Nair Menon Pillai Reddy Rao Naidu
Krishnan Subramanian Venkatesan Ramanathan Chatterjee Banerjee Mukherjee Ghosh Bose Das Sen Dutta
Chowdhury Singh Kaur Gill Sandhu Dhillon Malhotra Kapoor Khanna Chopra Bhatt Agarwal Jain Kulkarni
Deshpande Patil Pandey Mishra Tiwari Yadav Khan Ahmed Hussain Qureshi Siddiqui Malik Chaudhry Rahman
Islam Hossain Perera Fernando Silva Jayasuriya Wickramasinghe Bandara Dissanayake Rajapaksa Thapa
Shrestha Gurung Tamang Jha""",
    "east_asia": """Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng
Liang Xie Tang Han Feng Deng Cao Peng Zeng Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura
Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Mori Ikeda
Hashimoto Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Song Nguyễn Trần Lê
Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Ngô Dương Wong Chan Leung Cheung Lau Ng Tan Lim Teo Goh
Srisai Chaiyaporn Wongsakul Santoso Wijaya Gunawan Halim Hidayat Kusuma Setiawan Reyes Cruz Bautista
Ocampo Mendoza Villanueva Aquino Dela Cruz""",
    "middle_east": """Haddad Khoury Nasser Saleh Hamdan Mansour Aziz Rahimi Hosseini Ahmadi Karimi Mohammadi
Rezaei Moradi Jafari Sadeghi Tehrani Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın
Özdemir Arslan Doğan Kılıç Aslan Çetin Koç Kurt Al-Sayed Al-Farsi Al-Masri Al-Rashid Al-Amin
Abdullah Hamad Farouk Suleiman Ibrahim Youssef Darwish Bishara Cohen Levi Mizrahi Peretz Biton
Friedman Shapiro Katz Azoulay Ben-David Avraham Dahan Barakat Tamimi Shalabi""",
    "latin_america": """Hernández Flores Ramírez Torres Rivera Vargas Castillo Ortiz Morales Gutiérrez Chávez
Ramos Mendoza Ruiz Aguilar Medina Castro Herrera Vázquez Reyes Soto Contreras Guerrero Rojas
Cárdenas Espinoza Sandoval Salazar Delgado Figueroa Fuentes Valenzuela Cabrera Navarrete Cortés
Ortega Acosta Benítez Paredes Quispe Mamani Huamán Condori Barbosa Carvalho Almeida Ribeiro Araújo
Nascimento Lima Cavalcanti Moura Teixeira Monteiro Cardoso Rocha Pinto Azevedo Freitas""",
    "north_america_oceania": """Johnson Miller Davis Anderson Moore Martin Jackson White Harris Clark Lewis
Young Allen King Scott Baker Adams Nelson Hill Campbell Mitchell Carter Phillips Parker Turner Collins
Edwards Stewart Morris Murphy Cook Rogers Morgan Peterson Cooper Reed Bailey Bell Kelly Howard Ward
Cox Richardson Watson Brooks Washington Jefferson Tuhiwai Ngata Parata Te Rangi Kealoha Kahananui
Running Bear Yazzie Begay Tsosie""",
}

NICKNAMES = [
    n.strip()
    for n in [
        "Mo",
        " Bea",
        " Becca",
        " Liz",
        " Lizzie",
        " Kate",
        " Katie",
        " Jen",
        " Jenny",
        " Alex",
        " Sam",
        " Max",
        " Ben",
        "\nBenji",
        " Nick",
        " Mike",
        " Mikey",
        " Dan",
        " Danny",
        " Rob",
        " Bobby",
        " Tom",
        " Tommy",
        " Jim",
        " Jimmy",
        " Chris",
        " Pat",
        " Pete",
        " Teddy",
        " Frankie",
        "\nGabi",
        " Vicky",
        " Steph",
        " Tash",
        " Sasha",
        " Misha",
        " Kolya",
        " Pepe",
        " Paco",
        " Lola",
        " Nacho",
        " Chucho",
        " Juanjo",
        " Toni",
        " Rafa",
        " Dani",
        "\nJavi",
        " Migs",
        " Jojo",
        " Bibi",
        " Gigi",
        " Kiki",
        " Lulu",
        " Nene",
        " Bubba",
        " Ace",
        " Buddy",
        " Sunny",
        " Cookie",
        " Bear",
        " Tiny",
        " Doc",
        " Big Mike",
        "\nAuntie Jo",
        " Uncle Ray",
        " Lil Sam",
        " DJ",
        " AJ",
        " TJ",
        " JP",
        " MJ",
    ]
]

RELATIONS = [
    "Mom",
    "Dad",
    "Mum",
    "Grandma",
    "Grandpa",
    "Nana",
    "Papa",
    "Mama",
    "Abuela",
    "Oma",
    "Opa",
    "Amma",
    "Appa",
    "Baba",
    "Ammi",
    "Nani",
]

# Names of three words or more, so that the planner learns to copy a name to its end:
# "Nguyễn Văn Hùng" (family, middle, given), "Ana Ruiz Ortega", "Prof. Aiko Tanaka".
VIETNAMESE_MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Hữu", "Ngọc", "Thanh", "Xuân", "Kim", "Hoài"]
VIETNAMESE_GIVEN = [
    "Hùng",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Phương",
    "Quân",
    "Trang",
    "Tuấn",
    "Hạnh",
    "Dũng",
    "Khoa",
]
VIETNAMESE_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Bùi", "Đỗ", "Ngô"]
IRISH_PARTICLES = ["Ní", "Nic", "Mac", "Ó", "Ua"]
TITLES = ["Dr.", "Dr", "Prof.", "Professor", "Mr.", "Ms.", "Mrs.", "Coach", "Aunt", "Uncle"]

ONSETS = [
    "",
    "b",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "y",
    "z",
    "br",
    "ch",
    "dr",
    "gr",
    "kh",
    "kr",
    "ph",
    "sh",
    "st",
    "th",
    "tr",
    "zh",
    "ts",
    "ny",
    "ng",
    "mb",
    "kw",
]
NUCLEI = [
    "a",
    "e",
    "i",
    "o",
    "u",
    "ai",
    "ei",
    "ou",
    "ia",
    "io",
    "ua",
    "ee",
    "oo",
    "y",
    "ä",
    "é",
    "ö",
    "ü",
    "á",
    "í",
    "ō",
    "ã",
    "ı",
]
CODAS = ["", "", "", "", "n", "m", "r", "l", "s", "k", "t", "sh", "nd", "ng", "x", "z", "h", "nn", "lt"]


def words(blob: str) -> list[str]:
    """Whitespace-separated entries of a name blob (multi-word names are joined by a no-break)."""
    return blob.split()


def given_pool() -> list[str]:
    """Every real given name, all regions, deduplicated in a stable order."""
    return list(dict.fromkeys(n for blob in GIVEN_NAMES.values() for n in words(blob)))


def family_pool() -> list[str]:
    """Every real family name (multi-word ones like "De Luca" kept whole)."""
    out: list[str] = []
    for blob in FAMILY_NAMES.values():
        tokens = words(blob)
        i = 0
        while i < len(tokens):
            # particles start a multi-word family name: "De Luca", "Van der Merwe", "Al-Sayed" stays
            if tokens[i] in ("De", "Van", "Dela", "Te", "Running") and i + 1 < len(tokens):
                j = i + 1
                while tokens[j] in ("den", "der"):
                    j += 1
                out.append(" ".join(tokens[i : j + 1]))
                i = j + 1
            else:
                out.append(tokens[i])
                i += 1
    return list(dict.fromkeys(out))
