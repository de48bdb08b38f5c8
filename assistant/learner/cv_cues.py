"""The language of CVs: skill levels, hedges, course and degree words (section titles are
``cv_sections.py``, goal cues ``cv_goal_cues.py``).

A CV is not a chat message: a bare skills list is a claim ("pandas, NumPy" means
done), a level word sets the polarity ("PyTorch — basic" is still being
learned), and the section says what a line is (a "Currently learning" section
hedges everything in it; "Interests" are not skills). These tables are grammar,
not roadmap vocabulary: no step, topic or goal name is written here (that is
``knowledge/vocabulary.py`` and ``corpus/cv-words.yaml``). Nothing here reads a
whole CV; ``cv_reader.py`` does.
"""

from __future__ import annotations

import re

#: Sections whose lines are never read for skills.
UNREAD = frozenset({"interests", "contact"})
#: Sections where a course title ("Intro to …") describes the learner's own learning.
STUDY_SECTIONS = frozenset({"education", "courses", "learning", "skills", "other", "projects"})
#: Where a line that says "completed" ("MAT 167 Elementary Statistics — completed") is a
#: finished course: the level in its title is no hedge.
COURSE_SECTIONS = frozenset({"education", "courses"})

#: A level or hedge that says "still learning" for the items it qualifies.
HEDGE = re.compile(
    r"(?:^|[:;(]\s*)some\b|^\s*(?:base|basis)\s*(?:$|[(,;])|"
    r"\b(?:basic|basics of|the basics|beginner|beginners|novice|elementary|entry[- ]level|notions|"
    r"grundkenntnisse|grundlagen|básico|básicos|basico|(?<!les )débutant\w*|"
    r"(?<!les )debutant\w*|principiante|"
    r"anfänger\w*|exposure|exposed to|familiar with|familiarity with|acquainted with|"
    r"some experience|limited experience|some knowledge|some exposure|little experience|"
    r"currently learning|"
    r"(?<!\+ )(?<!& )(?<!robot )(?<!robotic )(?<!robot-)(?<!imitation )(?<!statistical )"
    r"(?<!representation )(?<!active )(?<!federated )(?<!contrastive )(?<!self-supervised )"
    r"(?<!metric )(?<!curriculum )(?<!ensemble )(?<!continual )(?<!lifelong )(?<!e-)(?<!meta-)"
    r"(?<!few-shot )(?<!zero-shot )(?<!multi-task )(?<!multitask )"
    r"learning(?![- ](?:curves?|rates?|to[- ]rank|cent(?:er|re)s?|commons|algorithms?|"
    r"management|platforms?|systems?|objectives|outcomes|disabilit\w*|analytics|"
    r"experience designer|technolog\w*))|studying|currently taking|enrolled|"
    r"working through|working my way through|going through|in progress|ongoing|halfway|"
    r"half way|partway|part way|this semester|this term|getting started|"
    # "so far", not "so far I have built" (but "so far I have only read")
    r"so far(?!,? I(?: have|'ve) (?!(?:only|mostly|just|barely|hardly|not)\b))|"
    r"started learning|starting to|teaching myself|self-teaching|a bit of|dabbled|"
    r"tinkered|exploring|follow(?:ing|ed)?\s+(?:[\w-]+\s+){0,3}tutorials?|"
    r"tutorials? only|planning to learn|can't yet|cannot yet|can not yet|not yet able|"
    r"would like to learn|want to learn|not (?:yet )?(?:confident|fluent)|rudimentary|"
    r"new to|currently reading|reading through|completing|pursuing|to be completed|"
    r"just started|just starting|starting out (?:with|in|on)|half[- ]understand|reading up on|"
    r"nothing built yet|not built anything yet|new territory|"
    r"(?:rough )?first feel|(?:very )?early days|shaky|play(?:ed|ing) (?:around )?with|first steps|"
    r"new to me|started (?:reading|on|with)|nothing (?:beyond|more than|past)|"
    r"first (?:two|three|few|couple of) (?:chapters|lessons|modules|weeks)|mostly watched|"
    r"(?:used|tried|touched)\s+(?:[\w.+-]+\s+){0,2}once|only once|don't really know|"
    r"do not really know|(?:master'?s|bachelor'?s|msc|bsc|degree|phd|doctoral) student|"
    r"(?<![\w/])A[12](?![\w/])|"
    r"currently (?:on|in|at|doing) (?:the )?(?:course|module|week|part|chapter|unit|lesson)|"
    r"(?:course|module|week|part|chapter|unit|lesson) \d+ (?:of|/) \d+|"
    r"theoretical knowledge|theory only|only theory|hobby[- ]level|"
    r"expected\s+(?:in\s+)?(?:[a-z]+\s+)?20\d\d|"
    r"(?:attended|attending)\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,3}(?:workshop|webinar|"
    r"meetup|bootcamp taster)s?|"
    r"rusty|refreshing|brushing up|reading about|scratched the surface|paused|midway|on hold|"
    r"pick (?:it|this|that) up again|unfinished|"
    r"(?:not|never|didn't|did not) (?:yet )?finish(?:ed)?|"
    r"noções básicas|nocoes basicas|conhecimentos básicos|nozioni di base|conoscenze di base|"
    r"conocimientos básicos|notions de base|a little(?! (?:over|more|under|less|longer))|"
    r"currently (?:watching|following|auditing)|"
    r"only from (?:the |a |an |one |our )?(?:[\w-]+ )?(?:papers|books|reading|lectures|videos|"
    r"courses?|talks)|"
    r"no\s+(?:own\s+|real\s+)?(?:[\w-]+\s+)?(?:code|projects?)(?:\s+of my own)?\s+yet|"
    r"nothing (?:\w+ ){0,2}(?:for real|in production) yet|"
    r"(?:on|at|over) (?:the )?weekends|in the evenings|evenings and weekends|"
    r"early experiments|experimenting with|not there yet|no hands-on experience|"
    r"nothing (?:i would|i'd) call solid|not solid yet|beginning to|try(?:ing)? out|"
    r"going slowly|(?:still )?getting to grips with|(?:covered|touched on|seen) (?:only )?briefly|"
    r"briefly (?:covered|touched on|seen)|(?:still )?building (?:up )?(?:my )?confidence|"
    r"(?:i am|i'm|am) (?:now |currently )?taking|to fill (?:the |my |some )?gaps|"
    r"not (?:yet )?in production(?: yet)?|never (?:(?:used|run|deployed|put) )?in production|"
    r"not (?:yet )?(?:used|deployed) in production|"
    r"following\s+(?:the\s+|an?\s+)?(?:[\w'’-]+\s+){0,4}(?:course|specialization|mooc)\b|"
    # in progress, said by the time ("now reading", "started in January", "8 weeks into") or
    # by the place reached in a course ("on lesson 4", "lecture 14 of 34", "episodes 1-5")
    r"(?:now|currently|presently|at the moment|at present|right now|these days)\s+"
    r"(?:(?:i\s+am|i'm|i|am|we\s+are)\s+)?(?:also\s+)?(?:reading|studying|learning|taking|"
    r"following|watching|refreshing|revising|reviewing|refresh|revise|study|learn|auditing|"
    r"(?:working|going) through)|"
    r"(?:reading|studying|learning|taking|revising|refreshing)\s+(?:[\w'’.&-]+\s+){0,5}"
    r"(?:now|currently|at the moment|at present|right now)|"
    r"taking (?:it|this|them|that) now|"
    r"started\s+(?:in|on|around|during)\s+(?:early\s+|late\s+|mid-?\s*)?(?:january|february|"
    r"march|april|may|june|july|august|september|october|november|december|spring|summer|"
    r"autumn|fall|winter)(?!\s+(?:19|20)\d\d)|"
    r"started\s+(?:last|this)\s+(?:week|month|year|term|semester|spring|summer|autumn|fall|"
    r"winter)|started\s+(?:\w+\s+){0,2}(?:weeks?|months?)\s+ago|"
    r"(?:just|recently|only)\s+(?:started|began|begun|enrolled)|"
    r"(?:started|began|begun)\s+(?:an?|the|my)\s+(?:[\w'’.&-]+\s+){0,5}(?:course|class|book|"
    r"series|module|programme|program|certificate|specialization|specialisation|mooc|"
    r"bootcamp|tutorials?|playlist)|"
    r"\d+\s+(?:weeks?|months?|lessons?|chapters?|modules?)\s+into|"
    r"(?:i'm|i am|am|currently|now)\s+(?:on|at)\s+(?:lesson|chapter|module|week|lecture|"
    r"episode|part|unit|section|video)\s+\d+|"
    r"(?:lecture|episode|video|session|section)\s+\d+\s+(?:of|/)\s+\d+|"
    r"(?:chapters?|episodes?|lessons?|lectures?|modules?|videos?|units?)\s+\d+\s*(?:[–-]|to)\s*"
    r"\d+\s*(?:\)\s*)?(?:so far|watched|done|read|completed)|"
    r"(?:read|watched|finished|done|completed|covered)\s+(?:the\s+)?(?:first\s+)?"
    r"(?:chapters?|episodes?|lessons?|lectures?|modules?|videos?|units?)\s+\d+\s*(?:[–-]|to)\s*\d+|"
    r"part-way|half-way|taster|tasters|"
    r"toy\s+(?:[\w-]+\s+)?(?:examples?|problems?|projects?|datasets?|data|models?|apps?|scripts?)|"
    r"forg[oe]t(?:ten)?\s+(?:most|much|all|a lot)|"
    r"filling (?:in )?(?:the |a |my |some )?gaps?|"
    r"(?:trained|built|ran|wrote|did|made)\s+(?:[\w.+-]+\s+){0,3}once|"
    # "fine-tuned a pretrained language model once during a hackathon", not "once a week"
    r"\b[\w-]+ed\s+(?:[\w.+-]+\s+){0,5}once\b(?!\s+(?:a|an|per|every|more|again|it|they|"
    r"we|i|the|this|that|validated|approved)\b)|"
    r"estudando|estudiando|studiando|j'étudie|ich lerne|studiere gerade|"
    # a knowledge said to be thin, a use said to be light, a plan, a course not yet done
    r"(?:conceptual|theoretical|high[- ]level|surface[- ]level|superficial|textbook|amateur|"
    r"introductory|passing|minimal|limited|initial|cursory|little)\s+(?:hands-on\s+)?"
    r"(?:understanding|knowledge|familiarity|exposure|experience|awareness|grasp|practice)|"
    r"aware(?:ness)? of|very little|hardly any|not much|(?:a|my) first look at|"
    r"tried out|dipped (?:my |a )?toes?|upskilling|reskilling|picking up|"
    r"early[- ]stages?(?!\s*(?:[\w-]+\s+){0,2}(?:startup|start-up|company|companies|venture|"
    r"business|firm|investors?|funds?|team|product))|"
    r"getting (?:into|up to speed|familiar|to know|started)|ramping up|looking to learn|"
    r"deepening|preparing for (?:an? |the )?(?:exam|certification|certificate)|"
    r"read about(?!\s+[\d,.]+)|watched\s+(?!all\b|every\b|the (?:whole|full|entire)\b)"
    r"(?:(?:a few|some|several|a couple of|the first|two|three)\s+)?(?:[\w-]+\s+)?"
    r"(?:videos|lectures|tutorials|talks)|followed along|"
    # auditing a course, not a skill ("WCAG auditing", "security auditing")
    r"(?:^\s*|[,;:(—–]\s*|\b(?:i|i've|have|has|had|also|and|just|recently|currently|now)\s+)"
    r"audit(?:ed|ing)\b|"
    r"(?:nearly|almost|about to)\s+(?:finish|done|complete)\w*|"
    r"(?:a|one|two) (?:third|quarter|half)s? of the way|(?:registered|signed up|enrolled) for|"
    r"will start|revisiting|relearning|catching up on|wip|work in progress|"
    r"still (?:practi[sc]ing|new|a novice|improving|developing|learning|studying)|"
    r"fundamentals only|only (?:the )?fundamentals|tutorial[- ]level|not production[- ]ready|"
    r"no (?:professional|commercial|industry|work|real[- ]world|practical|hands-on|production) "
    r"(?:experience|use|work|projects?)|"
    r"(?:course|class|programme|program|bootcamp) (?:ends|finishes|runs until)|"
    r"expected (?:completion|to (?:finish|complete))|due to (?:finish|complete)|"
    r"(?:completion|graduation) expected|"
    r"\d+\s+(?:of|out of|/)\s+\d+\s+(?:courses|modules|units|chapters|lessons|weeks|lectures|"
    r"episodes|videos|parts|sections)|"
    r"(?:a few|\w+) (?:weeks|months) in(?!\w| (?:a|an|the|my|our|production|\d))|"
    r"just (?:beginning|getting started)|getting there|needs work|room to (?:grow|improve)|"
    r"haven't touched|not touched|(?:touched|used) (?:it |them )?in years|"
    r"long ago|a long time ago|out of practice|used\s+(?:[\w-]+\s+){0,2}years ago|"
    r"started to (?:learn|study|explore|read)|months? of self-study|"
    r"only (?:at|in|during) (?:university|uni|college|school|class|a course|coursework|"
    r"my studies)|class project only|(?:one|a) (?:small )?class project|hackathon only|"
    r"(?:casual|occasional|light|limited) (?:use|user|usage)|"
    r"low confidence|not (?:yet )?confident|on my (?:to-?do |learning )?list|"
    r"not\s+(?:yet\s+)?(?:completed|complete|finished|done|certified|passed)|"
    r"(?:yet|still) to (?:complete|finish|pass)|incomplete|"
    r"dabbl\w*|toying with|awareness only|only awareness|"
    r"only\s+(?:ever\s+)?(?:seen|read|watched|tried|touched|heard|followed|studied|covered|know|"
    r"knew|learned|learnt)|(?:theory|reading|papers|videos|books?|lectures|seminars?|exposure|"
    r"hobby|academic|school|class)\s+only|yet to|needs? to|plan(?:s|ned|ning)? to|trying|"
    r"need(?:s)? (?:to )?(?:refresh|refreshing|brushing up|revising|relearn)|"
    r"only (?:the |a few |some |a couple of )?tutorials?|"
    r"(?:a couple of|a few|some|several)\s+(?:[\w-]+\s+)?tutorials|nothing serious|"
    r"begun to (?:use|learn|study|explore)|(?:slowly|gradually) (?:getting|becoming)|"
    r"getting comfortable|finding my way|building up my|"
    r"(?:working on|improving|strengthening)\s+my\s+(?:[\w-]+\s+)?(?:skills|knowledge|basics)|"
    r"guided (?:course )?projects?|"
    r"(?:one|two|three|four|\d) of (?:the )?(?:two|three|four|five|six|seven|eight|nine|ten|\d+) "
    r"(?:courses|modules|units|parts)|(?<![\d.])\d{1,2}\s?% (?:done|complete|completed)|"
    r"new for me|"
    r"tutorial projects?|followed\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:series|playlist)|"
    r"know the syntax|can read (?:the )?(?:code|it)|can'?t write|understand the concepts|"
    r"only the theory|heard of|someone else(?:'s)?(?: wrote)?|cop(?:ied|ying) (?:the )?examples|"
    r"with (?:the )?help (?:from|of) (?:chatgpt|copilot|ai|an? llm)|nothing more|"
    r"(?:week|lesson|module|lecture|unit) \d+ of (?:a|an|the)|"
    r"only briefly|touched\s+(?:[\w-]+\s+){0,2}briefly|skim(?:med|ming)|"
    r"(?:still |only |just )at the (?:start|beginning)|at the (?:start|beginning) with|"
    r"newbie|noob|(?:knowledge|skills?|experience|understanding|practice) (?:is|are) (?:still )?"
    r"(?:limited|weak|basic|developing|growing|thin|patchy|rudimentary|small|modest|shallow)|"
    r"is still weak|"
    r"lack(?:ing)?\s+(?:[\w-]+\s+){0,2}(?:experience|practice)|"
    # the same in the languages CVs mix with English (German, Dutch, Spanish, Portuguese,
    # French, Italian, Polish, Swedish): basic knowledge, first experience, in progress
    r"basiswissen|basiskenntnisse|erste erfahrungen?|einsteiger|lerne gerade|"
    r"basiskennis|beginnend|bezig met|leer momenteel|enige ervaring|eerste ervaringen?|"
    r"nociones|en curso|aprendiendo|primeros pasos|iniciación|en progreso|"
    r"iniciante|em andamento|aprendendo|em curso|primeiros passos|em progresso|"
    r"en cours|les bases|initiation|j'apprends|en apprentissage|premiers pas|"
    r"connaissances de base|livello base|conoscenz[ae] (?:di )?base|\(base\)|in corso|"
    r"sto imparando|primi passi|podstawowy|podstawy|w trakcie|grundläggande|nybörjare|pågående|"
    r"in bearbeitung|gerade erst|begonnen|erste versuche|alleen tutorials|nog geen|cursando|"
    r"nivel inicial|prime esperienze|introduttiv\w*|solo (?:i |il |le |gli )?tutorial\w*|"
    r"solo semplici|simple introduction|pas encore|parei|comecei|meno di 1|"
    r"laufend|einführung in|introducción a|introduction à|introduzione a|introdução a|bezig|"
    r"halverwege|grundläggande kunskaper|conoscenza solo teorica|solo teorica|erste schritte|"
    r"bisher nur|noch kein\w*|noch nichts|gerade|auffrischen|aan het leren|estou a estudar|"
    r"estou estudando|ainda sem|ainda não|aún no|todavía no|sto studiando|ripassando|conosco solo|"
    r"początkując\w*|uczę się|przerabiam|in theory|never tried|only on paper|"
    r"(?:did not|didn't|haven't|have not) (?:yet )?coded?|"
    # Turkish, Czech, Danish and Norwegian: basic level, beginner, learning now, in progress
    r"temel (?:düzey|seviye|bilgi)\w*|başlangıç\w*|öğreniyorum|öğrenme aşamasında|"
    r"devam ediyor|yeni başladım|základy|základní (?:znalost|úroveň)\w*|začátečník\w*|"
    r"učím se|probíhá|grundlæggende|begynder|lærer (?:mig|meg|nu)|grunnleggende|nybegynner|"
    r"einarbeitung|selbststudium|kurs läuft|en aprendizaje|en marcha|bases en|me forme|"
    r"in fase di|nozioni|noções|em aprendizado|"
    r"in opleiding|podstawow\w+|lär mig|håller på|grundkunskaper|öğren\w*|under oplæring|"
    r"lærer\s+(?:[\w-]+\s+)?nu)"
    r"(?!\w)"
    # a level alone after a name ("PyTorch: low", "Docker (a few weeks)", "MLOps — to do")
    r"|(?:^\s*|[:—–(|]\s*)(?:base|basis)\s*(?:$|\))"
    r"|^\s*(?:currently|now|right now|at the moment|ongoing|in progress|learning)\s*[:—–]"
    r"|(?:^\s*|[:—–(|]\s*)(?:low|limited|minimal|weak|familiar|entry|starter|some|"
    r"introductory|awareness|course only|to do|next on my list|to learn(?: next)?|"
    r"planned(?: for \w+)?|(?:a few|a couple of)\s+weeks|(?:a|one|1) month|"
    r"since (?:last (?:week|month)|january|february|march|april|may|june|july|august|september|"
    r"october|november|december))\s*(?:$|[),;.])",
    re.I,
)
#: A course still running ("Coursera (2025 – present)", "2025 – ongoing"): in a courses section,
#: its names are still being learned.
ONGOING = re.compile(
    r"(?:19|20)\d\d\s*(?:–|—|-|to)\s*(?:present|now|today|current|ongoing|\)|$)",
    re.I,
)
#: A degree still under way ("BSc Statistics, 2024 – 2027 (expected)", "second-year student"):
#: it does not make its whole step done.
DEGREE_UNDERWAY = re.compile(
    r"\bexpected\b|\bin progress\b|\bongoing\b|\bcurrently\b|\bpresent\b|\bstudent\b|"
    r"\b(?:first|second|third|fourth|final|1st|2nd|3rd|4th)[- ]year\b",
    re.I,
)
#: Course words that make "Intro to …" a hedge (in ``STUDY_SECTIONS`` only: a teaching
#: assistant for "Intro to Programming" knows the subject).
#: A course passed with a grade: "— grade A", "passed with distinction", "(A-)".
GRADED = re.compile(
    r"\bgrade[:\s]+(?:[A-F][+-]?|\d[\d.,]*)(?![\w])|\bpassed with\b|\bwith distinction\b|"
    r"[(—–-]\s*[A-F][+-]?\s*[)]",
    re.I,
)
INTRO = re.compile(r"\b(?:intro|introduction to|introductory|101)\b", re.I)
#: Teaching a course shows its subject ("Volunteer instructor, intro Python course").
TEACHING = re.compile(
    r"\b(?<!with a )(?<!from a )(?<!by a )(?<!my )(?<!our )(?<!with the )"  # not "with a mentor"
    r"(?:instructor|teacher|tutor|lecturer|mentor|coach)(?!['’]s)\b|"
    r"\b(?:code club|coderdojo|volunteer helper)\b|"
    r"\b(?<!self-)(?<!self )(?:teaching assistant|taught(?! by| myself)|teach(?!ing)(?! myself)|"
    r"ayudante de cátedra|ayudante|dozent\w*|docente|chargée? de td|monitor de|"
    r"teaching(?! myself)|scheme of work|(?:wrote|designed|created)\s+(?:[\w'-]+\s+){0,4}"
    r"(?:syllabus|curriculum|course))\b",
    re.I,
)
#: The learner speaking of themselves: a level said there is their own, not a course title's.
OWN_WORDS = re.compile(r"\b(?:I|I'm|I am|myself|still)\b", re.I)
#: In a line about teaching, these say the course's level, not the teacher's ("Wrote the
#: Python scheme of work: loops, files, basic OOP").
COURSE_LEVEL = re.compile(
    r"\b(?:basic|basics of|the basics|beginners?|elementary|introductory|intro|entry[- ]level|"
    r"first steps|einführung in|introducción a|introduction à|introduzione a|introdução a)(?!\w)",
    re.I,
)
#: Said anywhere in a sentence, these hedge all of it: a course taken, then left unused.
STALE = re.compile(
    r"\b(?:not|never|haven't|hasn't|didn't|don't)\s+(?:\w+\s+){0,3}(?:used?|appl(?:y|ied)|"
    r"touched|practi[sc]ed|written|write|built|build|trained)\b[^.;]*\b(?:since|yet|myself|"
    r"at work|in a project|in practice|professionally|in production)\b|"
    r"\b(?:out of curiosity|only (?:in|through|via) (?:one|a|an|my)\b)|"
    r"\b(?:not|never|haven't|hasn't)\s+(?:yet\s+)?(?:\w+\s+){0,3}(?:trained|fine-tuned|built|used|"
    r"deployed|done)\s+(?:one|any|it)\b|"
    r"\bhave not used\b|\bhaven't used\b|\bnot used (?:it|them|any of it)\b|"
    r"\b(?:hardly|barely|rarely|seldom)\s+(?:\w+\s+){0,2}(?:used|touched|practi[sc]ed|applied)\b|"
    r"\bnothing since\b",
    re.I,
)
#: A stale or hedging clause about "them", "either", "any of it": all the names before it.
ALL_OF_THEM = re.compile(
    r"\b(?:them|either|both|any of (?:it|them|this)|all of (?:it|them))\b", re.I
)
#: Hedges that qualify a name beside them ("chapters 1-3 so far", "linear algebra on
#: weekends") but, alone in a sentence, say nothing of the names before it ("Most of my work
#: so far has been on text.", "At weekends I build camera projects.").
WEAK_HEDGES = frozenset(
    {
        "so far",
        "on weekends",
        "at weekends",
        "on the weekends",
        "at the weekends",
        "over the weekends",
        "in the evenings",
        "evenings and weekends",
    }
)
#: A level or statement that says "done" for the items it qualifies.
DONE = re.compile(
    r"\b(?:advanced|expert|proficient|fluent|intermediate|strong|solid|experienced|"
    r"professional|professionally|daily|every day|comfortable|completed|finished|passed|"
    r"certified|done|built|trained|deployed|shipped|used|using|developed|implemented|"
    r"wrote|designed|led|own|maintain|maintained|fortgeschritten|avanzado|avancé|"
    r"experto|experte|esperto|sehr gut|\d+\+?\s*(?:years?|yrs?|jahre|años|ans|anni)|"
    r"(?<![\w/])[BC][12](?![\w/]))\b",
    re.I,
)
#: A level or a completion said outright ("completed", "advanced", "daily"): the CV reader's
#: second opinion (``cv_doubt``) never overrules it. Not the action verbs of ``DONE``, which
#: hedges negate ("no agent trained yet", "have not used it since").
OUTRIGHT = re.compile(
    r"\b(?:advanced|expert|proficient|fluent|professionally|daily|every day|completed|"
    r"finished|passed|certified|fortgeschritten|avanzado|avancé|experto|experte|esperto|"
    r"sehr gut|\d+\+?\s*(?:years?|yrs?|jahre|años|ans|anni))\b",
    re.I,
)
#: A sentence about someone else ("Our team is starting to …"): its hedge is not the learner's.
SOMEONE_ELSE = re.compile(
    r"\s*(?:our|the|their|we|they|my (?:team|company|employer|manager|colleagues|group))\b",
    re.I,
)
#: A course said to be completed: an "Intro to …" that was finished is no hedge.
COMPLETED = re.compile(r"\b(?:completed|finished|passed|with (?:a )?certificate)\b", re.I)
#: A rating: stars or dots ("★★☆☆☆", "●○○○○"), a score ("2/5", "3 / 10") or a share ("25%").
RATING = re.compile(
    r"(?P<full>[★●■◼⬤]+)(?P<empty>[☆○□◻◯]+)|"
    r"(?<![\w/.])(?P<score>\d{1,2})\s*(?:/|\s(?:out\s+)?of\s(?=\s*(?:5|10)(?![\w/])(?!\s+[A-Za-z])))"
    r"\s*(?P<scale>5|10)(?![\w/])|"
    r"(?<![\w.])(?P<share>\d{1,3})\s*%"
)
#: At most this share of a rating's scale is still learning ("2/5", "★★☆☆☆", "40%").
RATING_LEARNING = 0.4
#: Saying one does not know it (rare in a CV: "no experience with deep learning yet").
NEGATIVE = re.compile(
    r"\b(?:no experience|never used|never worked|not familiar|unfamiliar|don't know|"
    r"do not know|no knowledge|(?:haven't|have not|never)\s+(?:\w+\s+)?studied|"
    r"(?:haven't|have not|hasn't|has not)\s+(?:yet\s+)?(?:built|shipped)\b|"
    r"(?:haven't|have not|hasn't|has not)\s+(?:yet\s+|ever\s+)?worked\s+(?:with|on)|"
    r"(?:is|are)\s+(?:still\s+)?(?:my|a)\s+(?:gap|weak spot|blind spot)|"
    r"(?:stops|stopped|ends|ended) at (?:the )?(?:secondary|high)[- ]school(?: level)?|"
    r"(?:only|just) (?:secondary|high)[- ]school (?:level|maths?|mathematics))\b",
    re.I,
)
#: Words that put a whole step behind the learner: a completed course, a degree, the lot.
COURSE = re.compile(
    r"\b(?:course|courses|coursework|specialization|specialisation|bootcamp|certificate|"
    r"certification|nanodegree|mooc|lecture|module|curriculum|programme|program|ects|"
    r"coursera|udemy|edx|udacity|fast\.ai|datacamp|kaggle learn|passed|grade)\b",
    re.I,
)
#: Degree words ("Bachelor", "PhD", "Grado") and, case-sensitive, their abbreviations
#: ("BSc", "M.A.", "MS"), which in lower case are other words ("ms", "ma").
DEGREE = re.compile(
    r"\b(?:ph\.?\s?d\.?|dphil|mphil|doctorate|bachelor(?:'s)?|master(?:'s)?|degree|diplom[ae]?|"
    r"licence|licenciatura|grado|máster|laurea|doctor of|doktor)(?![\w])",
    re.I,
)
DEGREE_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:B\.?\s?Sc\.?|M\.?\s?Sc\.?|B\.\s?S\.|M\.\s?S\.|BS|MS|B\.\s?A\.|M\.\s?A\.|BA|MA|"
    r"B\.?\s?Eng\.?|M\.?\s?Eng\.?|BSc|MSc|B\.Mus\.)(?![\w])"
)
WHOLE = re.compile(r"\b(?:whole|entire|complete|full range of|all of the)\b", re.I)
#: A profession named by a step ("machine learning engineer"), with its years, covers it.
ROLE = re.compile(
    r"^[\s-]*(?:engineer|scientist|researcher|developer|specialist|practitioner|consultant|"
    r"lead|teacher|lecturer|architect|analyst)s?\b",
    re.I,
)
YEARS = re.compile(
    r"\b(?:\d+\+?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
    r"many)\s*(?:years?|yrs?)\b",
    re.I,
)
#: A list item that is itself the basics of something else ("… loops, files, basic OOP", "…,
#: a little HTML/CSS"): its level is about that thing, not about the names elsewhere.
BASIC_THING = re.compile(
    r"^\s*(?:and\s+)?(?:basic|a little|a bit of)\s+(?!(?:knowledge|understanding|level|skills?|"
    r"proficiency|familiarity|experience|grasp|notions|concepts|command|idea|user|usage|use|of|"
    r"in|with|bit|more|about)\b)[\w-]+",
    re.I,
)
#: A list item with its level in parentheses: "SQL (basic)" (when "SQL" is no level itself).
LEVEL_ASIDE = re.compile(  # "Kubernetes (only basic)." ends a list; "(all basic)" is the list's
    r"\s*(?P<thing>[\w.+#/-]+(?:\s+[\w.+#/-]+)?)\s*"
    r"\((?![^()]*\b(?:all|both|each|every\w*|whole)\b)[^()]*\)\s*\.?\s*",
    re.I,
)
#: Years of work in an area ("three years of professional experience designing … models").
EXPERIENCE = re.compile(r"\bof\s+(?:professional\s+|industry\s+|hands-on\s+)?experience\b", re.I)
#: After a step's name, a list of some of its parts ("Mathematics modules: calculus …").
PARTS_AFTER = re.compile(r"^\s+(?:modules|courses|classes|subjects|units|topics)\b", re.I)
#: A level that is part of a course's or certificate's title ("CS50's Introduction to
#: Programming with Python", "Certified Entry-Level Python Programmer").
TITLE_LEVEL = re.compile(
    r"\b(?:intro(?:duction)? to|introductory|101|entry[- ]level|for beginners|"
    r"fundamentals of)\b",
    re.I,
)
#: A clause that is another skill with its own level ("…; Go — basic", "…; SQL for the first
#: three weeks", "…; beginner in SQL"): its hedge is its own.
OWN_SKILL = re.compile(
    r"^\s*[A-Z][\w.+#/-]*(?:\s+[\w.+#/-]+)?\s*(?:—|–|:|\(|\|)\s*\S|"
    r"^\s*[A-Z]{2,}[\w.+#/-]*\s+(?:for|since|in|at|only|just|still)\b|"
    r"^\s*(?:[\w'-]+\s+){0,3}(?:in|with|of|to)\s+[A-Z][\w.+#/-]*(?:\s+[A-Z][\w.+#/-]*)?\s*[.)]?\s*$"
)
#: A list segment that goes on about the one before it ("Python: beginner, writing my first
#: pandas scripts"): it has that segment's level unless it says its own.
GOES_ON = re.compile(r"^\s*(?:and\s+)?[a-z]+ing\b")
#: A segment that starts in lower case or with a number ("chapters 1–4 (MDPs, …)").
LOWER = re.compile(r"\s*(?:and\s+)?[a-z0-9]")
#: Python said not at a working level yet ("my first real program", "personal scripts").
NOT_WORKING = re.compile(
    r"\b(?:first (?:real |proper )?(?:program|script|project)|personal scripts|small scripts|"
    r"scripts now and then|hobby scripts)\b",
    re.I,
)
#: "Retraining" as a career change ("nurse, now retraining in AI"), unless models are near.
CAREER_RETRAINING = re.compile(r"\bretraining\b", re.I)
MODEL_CONTEXT = re.compile(
    r"\b(?:models?|drift|monitor\w*|pipelines?|mlops|automated|scheduled|weekly|nightly)\b", re.I
)
#: A name said not to be what a line is about ("some AWS, nothing ML-related").
NOT_ABOUT = re.compile(r"\b(?:nothing|none|no|not)\s+(?:\w+\s+)?[\w/+.]+-related\b", re.I)
#: "… years of professional deep learning work": the years' kind before a name, "work" after.
YEARS_OF = re.compile(r"^\s+of\s+(?:professional\s+|industry\s+|hands-on\s+|full-time\s+)?$", re.I)
WORK_AFTER = re.compile(r"^\s+(?:work|experience)\b", re.I)
#: Bullets, Markdown emphasis and heading marks at the start of a line.
LINE_MARKS = re.compile(r"^\s*(?:#{1,6}\s*|[•·▪●◦‣∙*\-–+]\s+|\d{1,2}[.)]\s+)*")
#: Where one sentence of a line ends (not inside "B.Sc." or "e.g." or "1.3").
SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\d)[.!?]\s+(?=[A-Z\"“(*])"
)
#: R, the programming language: a capital R standing alone ("Python, R", "R | basic"), not
#: "R&D", "R." (an initial) or "R-squared".
R_LANGUAGE = re.compile(r"(?<![\w.&'/+-])R(?![\w&'+/-]|\.\s*[A-Z]|\.\w)")
#: A course code ("MATH 2568", "STAT3470"): the course's subject is named elsewhere, if at all.
COURSE_CODE = re.compile(r"\b[A-Z]{2,5}\s?(?!(?:19|20)\d\d\b)\d{3,4}[A-Z]?\b")
#: A span of dates, as CVs date jobs and degrees ("2019 – present", "09/2019 – 03/2021").
DATE_RANGE = re.compile(
    r"\b(?:\d{1,2}/)?(?:19|20)\d\d\s*(?:–|—|-|to|bis|a|à)\s*(?:(?:\d{1,2}/)?(?:19|20)\d\d|"
    r"present|now|today|current|heute|actualidad|presente|aujourd'hui)\b",
    re.I,
)
#: Links, e-mail addresses and phone numbers carry no skills ("github.com/…py").
CONTACT = re.compile(
    r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+\b|"
    r"\b(?:[\w-]+\.)+(?:com|org|net|io|dev|de|es|fr|uk|eu|me|ai)(?:/\S*)?",
    re.I,
)


def rating(text: str) -> float | None:
    """The first rating in ``text`` as a share of its scale (``"2/5"`` → 0.4), if any."""
    m = RATING.search(text)
    if m is None:
        return None
    if m.group("full"):
        return len(m.group("full")) / (len(m.group("full")) + len(m.group("empty")))
    if m.group("score"):
        return min(1.0, int(m.group("score")) / int(m.group("scale")))
    return min(1.0, int(m.group("share")) / 100)


#: A cell that starts with a level ("Grundkenntnisse (…)", "sehr gut", "★★☆☆☆", "3/5").
LEVEL_FIRST = re.compile(
    rf"\W*(?:(?:{HEDGE.pattern})|(?:{DONE.pattern})|(?:{RATING.pattern}))", re.I
)


def sentences(line: str) -> list[str]:
    """A line's sentences (not cut inside "B.Sc." or "e.g.")."""
    return [s for s in SENTENCE_END.split(line) if s.strip()]
