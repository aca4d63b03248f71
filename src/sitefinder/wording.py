"""Every fixed phrase a person reads, in English and Chinese: labels, status words, footers, hints.

The core decides what to say (a count, a status, a command to try); this catalogue says it in the
language asked for (`--lang zh`, the default when the query is Chinese). One dict, no gettext:
two languages, and importing gettext's machinery would cost start-up time for every run.
A phrase missing in Chinese falls back to English rather than failing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sitefinder.text import fold, has_cjk

LANGUAGES = ("en", "zh")


def locale_language(environ: Mapping[str, str]) -> str | None:
    """"zh" when the locale a person set asks for Chinese messages, else None (the script typed decides).

    The order is POSIX's (the first non-empty of LC_ALL, LC_MESSAGES, LANG), then GNU gettext's
    LANGUAGE list, which it too ignores in the C locale: a patient in China whose terminal says
    zh_CN.UTF-8 reads Chinese even when typing pinyin (`near Kunshan`). Any other language is None,
    not "en", so a Chinese query from an English terminal is still answered in Chinese.
    """
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    if locale.split(".")[0] in ("", "C", "POSIX"):
        return None
    chosen = (environ.get("LANGUAGE") or "").split(":")[0] or locale
    return "zh" if chosen.casefold().startswith("zh") else None


def wants_chinese(lang: str | None, typed: str) -> bool:
    """Whether an answer is in Chinese: the language asked for (`--lang`, the locale), else the script typed."""
    return lang == "zh" or (lang is None and has_cjk(typed))


def language_of(lang: str | None, typed: str) -> str:
    """The catalogue's language for an answer to `typed`: "zh" or "en" (wants_chinese)."""
    return "zh" if wants_chinese(lang, typed) else "en"

# Registry statuses as people say them. English is status.STATUS_WORDS; these are the Chinese
# words the Chinese registry (ChiCTR) and hospitals' trial notices use.
STATUS_WORDS_ZH = {
    "RECRUITING": "正在招募", "NOT_YET_RECRUITING": "尚未开始招募", "ACTIVE_NOT_RECRUITING": "进行中，不再招募",
    "ENROLLING_BY_INVITATION": "仅限受邀者入组", "COMPLETED": "已完成", "SUSPENDED": "已暂停",
    "TERMINATED": "已终止", "WITHDRAWN": "已撤销", "AVAILABLE": "可申请", "NO_LONGER_AVAILABLE": "不再提供",
    "TEMPORARILY_NOT_AVAILABLE": "暂不提供", "APPROVED_FOR_MARKETING": "已获批上市", "WITHHELD": "未公开",
    "UNKNOWN": "状态不明",
}

MESSAGES: dict[str, dict[str, str]] = {
    # table headers and field labels
    "label.id": {"en": "ID", "zh": "编号"},
    "label.facility": {"en": "Facility", "zh": "医院"},
    "label.city": {"en": "City", "zh": "城市"},
    "label.province": {"en": "Province", "zh": "省份"},
    "label.status": {"en": "Status", "zh": "状态"},
    "label.km": {"en": "km", "zh": "公里"},
    "label.investigator": {"en": "Investigator", "zh": "研究者"},
    "label.call": {"en": "Call", "zh": "联系电话"},
    "label.site": {"en": "Site", "zh": "研究中心"},
    "label.location": {"en": "Location", "zh": "地点"},
    "label.contacts": {"en": "Contacts", "zh": "联系人"},
    "label.coordinates": {"en": "Coordinates", "zh": "坐标"},
    "label.note": {"en": "Note", "zh": "备注"},
    "label.trial": {"en": "Trial", "zh": "试验"},
    "label.trial_contact": {"en": "Trial contact", "zh": "试验联系人"},
    "label.data": {"en": "Data", "zh": "数据"},
    "label.can_join": {"en": "Can join", "zh": "可以参加"},
    "label.cannot_join": {"en": "Cannot join", "zh": "不能参加"},
    "label.start": {"en": "Start", "zh": "开始日期"},
    "label.expected_completion": {"en": "Expected completion", "zh": "预计完成日期"},
    "label.completed": {"en": "Completed", "zh": "完成日期"},
    "label.ages": {"en": "Ages", "zh": "年龄"},
    "label.sex": {"en": "Sex", "zh": "性别"},
    "label.summary": {"en": "In short", "zh": "简介"},
    # status as of the data date
    "status.as_of": {"en": "{status} as of {date} ({age})", "zh": "{status}（截至 {date}，{age}）"},
    "status.every": {"en": "Status of all {count} sites: {status}", "zh": "全部 {count} 个研究中心的状态：{status}"},
    "status.one": {"en": "Status: {status}", "zh": "状态：{status}"},
    "status.trial_suffix": {"en": "{status} (trial)", "zh": "{status}（试验）"},
    "age.days": {"en": "{count} day{s} old", "zh": "{count} 天前的数据"},
    # footnotes under a table: what "(trial)" means, by what the trial's status lets a patient do
    "note.trial_status.not_yet": {
        "en": '"(trial)": the registry gives no status for the site, so the trial\'s overall status is shown; '
              "ask the site whether it has opened.",
        "zh": "“（试验）”：登记处未给出该中心的状态，显示的是整个试验的状态；请向该中心确认是否已开始招募。"},
    "note.trial_status.open": {
        "en": '"(trial)": the registry gives no status for the site, so the trial\'s overall status is shown; '
              "ask the site whether it is enrolling.",
        "zh": "“（试验）”：登记处未给出该中心的状态，显示的是整个试验的状态；请向该中心确认是否正在入组。"},
    "note.trial_status.closed": {
        "en": '"(trial)": the registry gives no status for the site, so the trial\'s overall status is shown: '
              "the trial is no longer enrolling.",
        "zh": "“（试验）”：登记处未给出该中心的状态，显示的是整个试验的状态：该试验已不再入组。"},
    "note.trial_status.unknown": {
        "en": '"(trial)": the registry gives no status for the site, so the trial\'s overall status is shown.',
        "zh": "“（试验）”：登记处未给出该中心的状态，显示的是整个试验的状态。"},
    "note.closed_left_out": {
        "en": "{count} closed site{s} (no longer enrolling) left out; to see them: {command}",
        "zh": "已略去 {count} 个不再招募的研究中心；如需查看：{command}"},
    # whom to call
    "call.site": {"en": "Call site {id}: {name}, {reach}", "zh": "联系研究中心 {id}：{name}，{reach}"},
    "call.central": {"en": "The registry lists no phone or email for {which}: call the trial's central contact, "
                           "{name}, {reach}.",
                     "zh": "登记处未列出{which}的电话或邮箱：请联系试验的总联系人 {name}，{reach}。"},
    "call.which.all": {"en": "these sites", "zh": "这些研究中心"},
    "call.which.other": {"en": "the other sites", "zh": "其他研究中心"},
    "call.nobody": {"en": "The registry lists no phone or email for these sites or for the trial.",
                    "zh": "登记处未列出这些研究中心或该试验的电话或邮箱。"},
    "call.one_site_none": {"en": "No phone or email listed for this site: call {name}, {reach}.",
                           "zh": "该研究中心未列出电话或邮箱：请联系 {name}，{reach}。"},
    "call.one_site_nobody": {"en": "No phone or email listed for this site or for the trial.",
                             "zh": "该研究中心和该试验均未列出电话或邮箱。"},
    "call.every_contact": {"en": "Every contact of a site: sitefinder show ID (e.g. {command}).",
                           "zh": "查看某个研究中心的全部联系人：sitefinder show 编号（例如 {command}）。"},
    "call.abroad": {"en": "from abroad", "zh": "境外拨打"},
    "approximate": {"en": "{mark}town of site {ids} is not in the offline gazetteer, so where it is is approximate "
                          "({command} says how it was placed).",
                    "zh": "{mark}研究中心 {ids} 所在的城镇不在离线地名库中，位置为近似值（{command} 可查看定位方式）。"},
    "approximate.mark": {"en": "≈: the ", "zh": "≈："},
    "approximate.nomark": {"en": "The ", "zh": ""},
    "title.near": {"en": "Sites nearest to {where} ({latitude:.4f}, {longitude:.4f})",
                   "zh": "离 {where} 最近的研究中心（{latitude:.4f}, {longitude:.4f}）"},
    "title.map": {"en": "{count} site{s} nearest to {where}", "zh": "离 {where} 最近的 {count} 个研究中心"},
    "title.list": {"en": "{count} site{s}{of}", "zh": "{count} 个研究中心{of}"},
    "title.of": {"en": " of {nct_id}", "zh": "（{nct_id}）"},
    # how old the data are
    "data.unknown": {"en": "The date of these registry data is unknown; sitefinder update fetches the current record.",
                     "zh": "这些登记数据的日期不明；运行 sitefinder update 可获取最新记录。"},
    "data.line": {"en": "Registry data {how} {date}", "zh": "登记数据{how} {date}"},
    "data.age": {"en": ", {count} day{s} old", "zh": "，已有 {count} 天"},
    "data.oldest": {"en": "Oldest registry data ({nct_id})", "zh": "最早的登记数据（{nct_id}）"},
    "data.end": {"en": ".", "zh": "。"},
    "data.fetched_on": {"en": "fetched on", "zh": "获取于"},
    "data.of": {"en": "of", "zh": "日期为"},
    "data.stale": {"en": ": statuses and contacts may have changed since (older than {days} days); "
                         "run {command} to refresh them",
                   "zh": "：此后状态和联系人可能已有变化（超过 {days} 天）；运行 {command} 更新"},
    "distance.caption": {"en": "Distances are straight lines between city centres, not travel distances.",
                         "zh": "距离为城市中心之间的直线距离，并非实际路程。"},
    # empty answers: why, and what to try
    "empty.no_sites": {"en": "No sites match.", "zh": "没有符合条件的研究中心。"},
    "empty.city_no_site": {"en": "This trial has no site in {city}; the nearest ones: {command}",
                           "zh": "该试验在{city}没有研究中心；查看最近的：{command}"},
    "empty.by_status": {"en": "No site is {wanted}; the sites by status: {counts} ({data})",
                        "zh": "没有{wanted}的研究中心；各状态的研究中心数：{counts}（{data}）"},
    "empty.region_capital": {
        "en": "{region} is a province without a site of this trial; these are the nearest to its capital, {capital}",
        "zh": "{region}没有该试验的研究中心；以下是离其省会 {capital} 最近的研究中心"},
    "error.no_site_matches": {"en": "no site matches {query} by facility name or city{hint} (see: {command})",
                              "zh": "没有医院名称或城市与 {query} 匹配的研究中心{hint}（查看：{command}）"},
    "error.did_you_mean": {"en": "; did you mean {names}?", "zh": "；您是否要找 {names}？"},
    "error.no_place": {"en": "no place called {query} is known", "zh": "找不到名为 {query} 的地点"},
    "error.hint": {"en": " ({hint})", "zh": "（{hint}）"},
    "hint.institution": {"en": "that names a hospital or university: give the city it is in",
                         "zh": "这是医院或大学的名称：请写出它所在的城市"},
    "hint.facility_no_site": {"en": "that names a hospital or university, and no site of this trial is called so: "
                                    "give the city it is in",
                              "zh": "这是医院或大学的名称，本试验没有这样名称的研究中心：请写出它所在的城市"},
    "hint.online": {"en": "places the offline gazetteer lacks can be looked up with --online",
                    "zh": "离线地名库中没有的地点，可加 --online 在线查询"},
    "error.or": {"en": " or ", "zh": " 或 "},
    # the hospital view (`near PLACE --by hospital`)
    "label.hospital": {"en": "Hospital", "zh": "医院"},
    "label.whom_to_call": {"en": "Whom to call", "zh": "联系谁"},
    "title.hospitals": {"en": "Hospitals nearest to {where} ({latitude:.4f}, {longitude:.4f})",
                        "zh": "离 {where} 最近的医院（{latitude:.4f}, {longitude:.4f}）"},
    "call.none_listed": {"en": "no phone or email listed", "zh": "未列出电话或邮箱"},
    "call.trial_contact": {"en": "trial contact {line}", "zh": "试验联系人 {line}"},
    # notices on stderr: the fixed parts around the data (the place typed, the names, the counts)
    "notice.ambiguous": {"en": "{query} is ambiguous: using {used}; {how}",
                         "zh": "{query} 有多个同名地点：使用 {used}；{how}"},
    "notice.ambiguous.where": {"en": 'for the one in {where} write "{name}, {where}"',
                               "zh": "如指{where}的那个，请输入“{name}, {where}”"},
    "notice.ambiguous.coordinates": {"en": "for the one at {latitude:.2f},{longitude:.2f} give those coordinates",
                                     "zh": "如指位于 {latitude:.2f},{longitude:.2f} 的那个，请输入该坐标"},
    # China's divisions (china.py): in the language of the query, as the errors are (#21)
    "notice.china.town": {"en": "{name} (a town)", "zh": "{name}（镇）"},
    "notice.china.towns": {"en": '{query} is also {towns}: using {used}; for the town write "{ask}"',
                           "zh": "{query} 也是 {towns}：使用 {used}；如指该镇，请输入“{ask}”"},
    "notice.china.namesakes": {
        "en": '{query} is also the name of {named}{more}: using {used}; for another, write its city or province '
              'first (广州天河, "Tianhe, Guangzhou")',
        "zh": "{query} 也是 {named}{more} 的名称：使用 {used}；如指其他地方，请在前面写上所在的市或省（如 广州天河）"},
    "notice.china.abroad_too": {"en": '{head} is also {place}: for it write "{ask}"',
                                "zh": "{head} 也是 {place}：如指该地，请输入“{ask}”"},
    "notice.china.province_namesakes": {
        "en": '{used} is also the name of {named}: for it, write its city first (天津河北区, "Hebei District, Tianjin")',
        "zh": "{used} 也是 {named} 的名称：如指该地，请在前面写上所在的城市（如 天津河北区）"},
    "notice.china.more": {"en": " and {count} more", "zh": " 等另外 {count} 处"},
    "notice.china.rest_ignored": {"en": "using {used} ({english}); ignored what follows: {rest}",
                                  "zh": "使用 {used}（{english}）；其后的部分未使用：{rest}"},
    "notice.china.former_merged": {"en": "{name} was merged into {successor} in {year}: using {successor} ({english})",
                                   "zh": "{name}已于 {year} 年并入{successor}：使用 {successor}（{english}）"},
    "notice.china.former_renamed": {"en": "{name} became {successor} in {year}: using {successor} ({english})",
                                    "zh": "{name}已于 {year} 年改为{successor}：使用 {successor}（{english}）"},
    "notice.china.also_province": {
        "en": "{used} is also a province: for its sites run: sitefinder list --province {province}",
        "zh": "{used} 也是一个省：查看该省的研究中心请运行：sitefinder list --province {province}"},
    "notice.china.city_it_is_in": {
        "en": "{part} is not in the offline gazetteer: using the city it is in, {city} (--online looks {part} up)",
        "zh": "离线地名库中没有 {part}：使用其所在的城市 {city}（--online 可在线查找 {part}）"},
    "notice.unplaced_count": {
        "en": "{count} matching site{s} {have} no coordinates and {are} not ranked (see: {command})",
        "zh": "{count} 个符合条件的研究中心没有坐标，未参与距离排序（查看：{command}）"},
    "notice.none_within": {"en": "No site within that distance; the nearest is {km:,.1f} km away.",
                           "zh": "该距离内没有研究中心；最近的一个在 {km:,.1f} 公里外。"},
    "notice.no_filter_match": {"en": "No sites match the filters.", "zh": "没有符合筛选条件的研究中心。"},
    "notice.no_coordinates": {"en": "No site has coordinates to rank.", "zh": "没有可按距离排序的、有坐标的研究中心。"},
    "notice.region_sites": {
        "en": "{query} is a {kind}, not a place to measure distances from: {these} {count} site{s} ({command}); "
              "give a city for the nearest.",
        "zh": "{query}是一个{kind}，不是可以测量距离的地点：这是它的 {count} 个研究中心（{command}）；"
              "请给出城市以查看最近的。"},
    "notice.region_sites.these.one": {"en": "this is its", "zh": ""},
    "notice.region_sites.these.many": {"en": "these are its", "zh": ""},
    "notice.region_none": {
        "en": "{query} is a {kind}, and this trial has no site there; give a city to see the nearest sites anywhere.",
        "zh": "{query}是一个{kind}，该试验在那里没有研究中心；请给出城市以查看各地最近的研究中心。"},
    "kind.province": {"en": "province", "zh": "省级行政区"},
    "kind.country": {"en": "country", "zh": "国家"},
    "notice.district_city": {"en": "{district} is a district of {city}, and no site names it as its city: "
                                   "the sites in {city}",
                             "zh": "{district}属于{city}，没有研究中心以它为所在城市：以下是{city}的研究中心"},
    "notice.city_no_site": {"en": "This trial has no site in that city; the nearest ones: {command}",
                            "zh": "该试验在该城市没有研究中心；查看最近的：{command}"},
    "notice.no_status": {"en": "No site has that status; the sites by status: {counts} ({data})",
                         "zh": "没有该状态的研究中心；各状态的研究中心数：{counts}（{data}）"},
    "notice.none": {"en": "none", "zh": "无"},
    # the terminal map's lines
    "map.outside": {"en": " (outside this view)", "zh": "（不在此视图内）"},
}


# `info`'s field labels in Chinese, by the field's key (views.trial_fields; CSV keeps the keys).
INFO_LABELS_ZH = {
    "status": "状态", "call": "联系电话", "title": "标题", "trial": "试验", "start": "开始日期",
    "completion": "预计完成日期", "completed": "完成日期", "summary": "简介", "who_may_join": "入组条件",
    "can_join": "可以参加", "cannot_join": "不能参加", "ages_sex": "年龄、性别", "phase": "分期",
    "conditions": "疾病", "treatments": "治疗", "arms": "分组", "enrollment": "计划入组", "sponsor": "申办方",
    "sites": "研究中心", "contact": "其他联系人", "registry": "登记页面", "data": "数据",
}
_AGE_UNITS_ZH = {"years": "岁", "year": "岁", "months": "个月", "month": "个月", "weeks": "周", "week": "周",
                 "days": "天", "day": "天"}


def ages_and_sex_zh(minimum: str, maximum: str, sex: str) -> str:
    """"18 岁及以上；性别不限", "18 至 75 岁；仅限女性": the registry's age and sex enums in Chinese."""
    def age(text: str) -> str:
        number, _, unit = text.strip().partition(" ")
        return f"{number} {_AGE_UNITS_ZH.get(unit.lower() or 'years', unit)}"

    if minimum and maximum:
        ages = f"{age(minimum)}至 {age(maximum)}"
    elif minimum:
        ages = f"{age(minimum)}及以上"
    elif maximum:
        ages = f"{age(maximum)}及以下"
    else:
        ages = "年龄不限"
    return f"{ages}；" + {"FEMALE": "仅限女性", "MALE": "仅限男性"}.get(sex.upper(), "性别不限")


def say(key: str, lang: str | None = "en", **values: object) -> str:
    """The phrase `key` in `lang` ("en" or "zh"; None is English), with `values` filled in.

    `s` is filled in for English plurals when a `count` is given and `s` is not.
    """
    phrases = MESSAGES[key]
    text = phrases.get(lang or "en") or phrases["en"]
    if "count" in values and "s" not in values:
        values["s"] = "" if values["count"] == 1 else "s"
    return text.format(**values)


def place_not_found(query: str, suggestions: Sequence[str], hint: str, lang: str | None) -> str:
    """"no place called 'Guangzou' is known; did you mean Guangzhou, Guangdong? (…)", in the answer's
    language (`lang`, else the script of the query): a patient who typed 广洲 reads it in Chinese."""
    from sitefinder.text import quoted

    said = language_of(lang, query)
    message = say("error.no_place", said, query=quoted(query))
    if suggestions:
        names = list(suggestions) if len(suggestions) == 1 else [f'"{name}"' for name in suggestions]
        message += say("error.did_you_mean", said, names=say("error.or", said).join(names))
    return message + (say("error.hint", said, hint=hint) if hint else "")


def status_word(status: str | None, lang: str | None = "en") -> str:
    """One status in words: "Recruiting", "正在招募"; "Unknown" / "状态不明" when none is known."""
    from sitefinder.status import STATUS_WORDS

    key = status or "UNKNOWN"
    if lang == "zh" and key in STATUS_WORDS_ZH:
        return STATUS_WORDS_ZH[key]
    return STATUS_WORDS.get(key, key.replace("_", " ").capitalize())


def shown_status(text: str) -> str | None:
    """The enum value of a status as sitefinder shows it, in either language: "尚未开始招募",
    "进行中，不再招募", "Not yet recruiting (trial)", "正在招募（试验）" (the trial's status shown for a
    site): what a person copies from a table into --status. The words are the catalogue's own
    (wording.status_word and "status.trial_suffix"), so a label added there is read here too."""
    from sitefinder.status import STATUS_WORDS

    written = fold(text)
    for lang in ("en", "zh"):
        trial = fold(say("status.trial_suffix", lang, status=""))  # "(trial)", "（试验）"
        if written.endswith(trial) and len(written) > len(trial):
            written = written[: -len(trial)]
    for status in STATUS_WORDS:
        if written in (fold(status_word(status, "zh")), fold(status_word(status, "en"))):
            return status
    return None


def plural(count: int, singular: str, many: str | None = None) -> str:
    """"1 site", "2 sites": never "site(s)", never "its 1 sites"."""
    return f"{count:,} {singular if count == 1 else (many or singular + 's')}"


def trial_status_note(trial_status: str | None, lang: str | None = "en") -> str:
    """What "(trial)" beside a status means, by what the trial's own status lets a patient do: only
    a trial not yet recruiting invites "ask the site whether it has opened"."""
    from sitefinder.status import status_class

    return say(f"note.trial_status.{status_class(trial_status)}", lang)


def closed_note(count: int, command: str, lang: str | None = "en") -> str:
    """"2 closed sites (no longer enrolling) left out; to see them: sitefinder near X --all"."""
    return say("note.closed_left_out", lang, count=count, command=command)


def command(*words: str, options: str = "") -> str:
    """A command to try, with the options that chose the data (`--sites PATH`) repeated, so that
    a hint after `near X --sites mytrial/sites.csv` opens that trial's site, not the shipped one.

    A word with a space or a shell character is quoted ("Taizhou, Jiangsu" → 'Taizhou, Jiangsu').
    """
    return " ".join(["sitefinder", *(shell_word(word) for word in words), *([options] if options else [])])


def shell_word(word: str) -> str:
    """A word as typed at a shell: as it is when every character is safe there (广州, 22.54,114.06,
    --all), else quoted (shlex's quoting would quote every non-ASCII word: '广州')."""
    if word and all(char.isalnum() or char in "-_.,/:@%+=" for char in word):
        return word
    import shlex

    return shlex.quote(word)


def data_options(sites: object, from_environment: str | None) -> str:
    """The options to repeat in hints: `--sites PATH` when it was typed; nothing when it came from
    SITEFINDER_SITES (the next command reads the variable too) or was not given."""
    if sites is None or (from_environment and str(sites) == from_environment):
        return ""
    return f"--sites {shell_word(str(sites))}"


def usage_words(message: str, option: str, value: str | None) -> str | None:
    """A bad option value said in our words ("--within takes a number, not '400km'"), instead of
    the parsing library's ("Input should be a valid number, unable to parse string as a number");
    None when the message is not one of those (then the library's stands)."""
    shown = repr(value) if value is not None else "that"
    # pydantic's words (Typer 0.29+) and Click's (below 0.29): either may be what parsed the value
    if "valid integer" in message or "not a valid int" in message:
        return f"{option} takes a whole number, not {shown}"
    if "valid number" in message or "not a valid float" in message:
        return f"{option} takes a number, not {shown}"
    if "is not one of" in message:
        choices = message.split("is not one of", 1)[1].strip().rstrip(".")
        plain = ", ".join(choice.strip().strip("'\"") for choice in choices.split(","))
        return f"{option} takes one of: {plain}; not {shown}"
    return None


# How alike an unknown option and a real one must be, without their dashes (difflib's ratio), to
# be offered: "limt"/"limit" 0.89, "cty"/"city" 0.86, "stric"/"strict" 0.91; Click's own cutoff (0.6
# on the dashed names) offered "--bom" for "--bogus" (0.5 bare) and "--country" for "--cty" (0.6).
CLOSE_OPTION_RATIO = 0.75


def unknown_option_words(option: str, offered: Sequence[str], command_name: str) -> str:
    """An option the command does not have: the options spelt closely like it (of those the parser
    `offered`), or none, and where the options are listed."""
    from difflib import SequenceMatcher

    bare = option.lstrip("-").casefold()
    close = [name for name in offered
             if SequenceMatcher(None, bare, name.lstrip("-").casefold()).ratio() >= CLOSE_OPTION_RATIO]
    meant = f"; did you mean {' or '.join(close)}?" if close else ""
    return f"no option {option} for sitefinder{command_name}{meant} (see: sitefinder{command_name} --help)"


def unknown_command_words(word: str, commands: list[str]) -> str:
    """`sitefinder 广州`, `sitefinder help`: what the person probably meant."""
    if word.lower() in ("help", "-help", "?"):
        return f"there is no command {word!r}; for help: sitefinder --help (or sitefinder COMMAND --help)"
    return (f"there is no command {word!r}; did you mean: {command('near', word)}? "
            f"(commands: {', '.join(commands)}; see: sitefinder --help)")
