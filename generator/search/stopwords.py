"""Stop words of the languages other than English, dropped from the index (and queries) as
lunr drops its English ones (`lunr.stop_word_filter.WORDS`, kept for English).

Our own short lists, written for this project: the articles, pronouns, prepositions,
conjunctions and auxiliary verbs that fill a news text, and nothing a reader would search
for. snowballstemmer ships no stop words, and the longer lists elsewhere (Snowball's own
site, jusText's, which trafilatura brings) hold words a reader does search for (jusText's
German list has "berlin" and "armee"): a word dropped here can never be found, so a list
errs on the short side. Languages without a list here drop no words.
"""

from __future__ import annotations

_LISTS = {
    "de": """aber als am an auch auf aus bei bin bis bist da damit dann das dass dem den denn der des
        die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines
        er es euch euer für hat hatte hier ich ihr ihre ihrem ihren ihrer im in ist ja jene kein keine
        man mich mir mit nach nicht noch nun nur ob oder ohne sich sie sind so über um und uns unser
        unter vom von vor war waren was weil wenn wer wie wir wird wo zu zum zur""",
    "fr": """au aux avec ce ces cet cette dans de des du elle elles en est et eux il ils je la le les
        leur leurs lui ma mais me mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se
        ses son sont sur ta te tes toi ton tu un une vos votre vous""",
    "es": """al como con de del el ella ellas ellos en entre era es esa ese eso esta este esto fue ha
        han la las le les lo los me mi mis muy no nos o para pero por que qué se sea ser si sí sin
        sobre son su sus también te tu tus un una uno unos y ya yo""",
    "it": """a ad al alla alle allo agli ai anche che chi ci come con da dal dalla dalle dei del della
        delle dello di e è ed gli ha hanno i il in io la le lei lo loro lui ma mi ne nei nel nella nelle
        noi non o per più se si sono su sua sue sui sul sulla suo suoi tra tu un una uno vi voi""",
    "pt": """a ao aos as com como da das de do dos e é ela elas ele eles em entre era essa esse esta
        este eu foi há isso isto já lhe mais mas me meu minha muito na nas nem no nos não o os ou para
        pela pelas pelo pelos por que se sem ser seu seus sua suas também te um uma umas uns você""",
    "nl": """aan al bij dat de den der deze die dit door een en er het hij hem hun ik in is je maar
        me met mij naar niet nog of om ons ook op over te tot u uit van voor was wat we werd wij
        worden wordt zich zij zijn ze zo""",
    "ru": """а без бы был была были было в вам вас во вот все всё вы где да для до его ее её если
        есть еще ещё же за и из или им их к как ко когда кто ли меня мне мы на над не него нее неё
        нет ни них но о об он она они оно от по под при с со так также то того тоже том у уже чем
        что чтобы эта эти это я""",
    "sv": """att av de den denna det detta du där efter ej en ett från för han har hon honom hans
        här i icke inte jag man med mig min mot ni nu och om oss på sig sin sina som så till under
        upp ut vad var vi vid är än""",
    "da": """af at de dem den denne der det dette du efter eller en er et for fra han har hun hvad
        hvor i ikke jeg jer man med men mig min mod og om os på sig sin som så til ud under var vi
        være""",
    "no": """av at de dem den denne der det dette du eller en er et for fra han har hun hva hvor i
        ikke jeg man med men meg min mot og om oss på seg sin som så til ut var vi være""",
}
_LISTS["nb"] = _LISTS["nn"] = _LISTS["no"]

STOP_WORDS: dict[str, frozenset[str]] = {lang: frozenset(text.split()) for lang, text in _LISTS.items()}
