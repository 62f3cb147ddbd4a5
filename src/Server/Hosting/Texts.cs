using System.Globalization;

namespace Sfera.Hosting;

/// <summary>
/// Messages the API returns to people, in the request's language (Russian unless the client asks for English).
/// </summary>
public static class Texts
{
    private static readonly Dictionary<string, (string Ru, string En)> All = new()
    {
        ["validation"] = ("Проверьте выделенные поля.", "Check the highlighted fields."),
        ["required"] = ("Заполните это поле.", "This field is required."),
        ["too_long"] = ("Слишком длинное значение.", "The value is too long."),
        ["control_chars"] = ("Уберите невидимые управляющие символы.", "Remove the invisible control characters."),
        ["name_chars"] = ("В имени есть невидимые символы или знаки направления письма: уберите их.", "The name holds invisible or text-direction characters: remove them."),
        ["name_letters"] = ("В имени должна быть хотя бы одна буква.", "A name needs at least one letter."),
        ["inn"] = ("ИНН указан неверно: проверьте цифры.", "The INN is not valid: check the digits."),
        ["phone"] = ("Телефон указан неверно.", "The phone number is not valid."),
        ["email"] = ("Адрес почты указан неверно.", "The e-mail address is not valid."),
        ["login"] = ("Логин: от 3 до 64 латинских букв, цифр, точек, дефисов.", "Login: 3 to 64 latin letters, digits, dots or dashes."),
        ["login_taken"] = ("Этот логин, телефон или почта уже заняты.", "This login, phone or e-mail is already taken."),
        ["login_name_taken"] = ("Этот логин уже занят: выберите другой.", "This login is taken: choose another."),
        ["password"] = ("Пароль: не короче 8 символов, с буквой и цифрой, и не из самых распространённых (как qwerty123).", "Password: at least 8 characters, with a letter and a digit, and not a common one (such as qwerty123)."),
        ["url"] = ("Нужна ссылка вида https://…", "Expected a link such as https://…"),
        ["enum"] = ("Недопустимое значение.", "This value is not allowed."),
        ["range"] = ("Значение вне допустимых пределов.", "The value is out of range."),
        ["not_found"] = ("Не найдено.", "Not found."),
        ["forbidden"] = ("Недостаточно прав.", "You do not have the right to do this."),
        ["sign_in_failed"] = ("Неверный логин или пароль.", "Wrong login or password."),
        ["locked_out"] = ("Слишком много неудачных попыток. Попробуйте позже.", "Too many failed attempts. Try again later."),
        ["totp_required"] = ("Введите код из приложения-аутентификатора.", "Enter the code from your authenticator app."),
        ["totp_wrong"] = ("Код из приложения неверный.", "The authenticator code is wrong."),
        ["not_ready"] = ("Сервер временно не готов: нет связи с базой данных или Redis.", "The server is not ready: the database or Redis does not answer."),
        ["sign_in_busy"] = ("Сейчас входит очень много людей. Попробуйте через несколько секунд.", "Very many people are signing in right now. Try again in a few seconds."),
        ["rate_limited"] = ("Слишком много запросов. Подождите минуту.", "Too many requests. Wait a minute."),
        ["code_invalid"] = ("Код недействителен или уже использован.", "The code is invalid or has already been used."),
        ["invite_invalid"] = ("Ссылка-приглашение недействительна или устарела.", "The invite link is invalid or has expired."),
        ["self_parent"] = ("Нельзя стать родителем самому себе. Передайте ссылку родителю.", "You cannot become your own parent. Give the link to your parent."),
        ["already_member"] = ("Вы уже состоите в этой школе с этой ролью.", "You are already a member of this school in this role."),
        ["already_requested"] = ("Заявка уже подана и ждёт подтверждения.", "Your request is already waiting for approval."),
        ["class_required"] = ("Выберите класс.", "Choose a class."),
        ["teacher_required"] = ("Нужен подтверждённый учитель этой школы.", "Must be a confirmed teacher of this school."),
        ["class_exists"] = ("Такой класс в этом учебном году уже есть.", "This class already exists in this school year."),
        ["not_student"] = ("Нужен подтверждённый ученик этой школы.", "Must be a confirmed student of this school."),
        ["child_required"] = ("Выберите ребёнка (или детей) этого родителя среди учеников класса: без ребёнка родитель не попадёт ни в один чат родителей.", "Choose this parent's child (or children) among the class's students: without a child the parent would be in no parents' chat."),
        ["not_parent"] = ("Нужен подтверждённый родитель этой школы.", "Must be a confirmed parent of this school."),
        ["already_decided"] = ("Заявка уже рассмотрена.", "This application has already been decided."),
        ["password_wrong"] = ("Текущий пароль неверный.", "The current password is wrong."),
        ["csrf"] = ("Сессия устарела: обновите страницу.", "The session token is stale: reload the page."),
        ["csv_empty"] = ("Файл пустой.", "The file is empty."),
        ["csv_header"] = ("Нет обязательного столбца.", "A required column is missing."),
        ["csv_child"] = ("Ребёнок с таким именем не найден в файле.", "No student with this name in the file."),
        ["csv_child_ambiguous"] = ("В файле несколько учеников с таким именем: укажите класс в скобках.", "Several students have this name: add the class in brackets."),
        ["csv_duplicate"] = ("Повторяется в файле.", "Appears twice in the file."),
        ["csv_class_teacher"] = ("У класса уже есть классный руководитель в файле.", "The class already has a class teacher in the file."),
        ["edit_window"] = ("Время на исправление сообщения истекло.", "The time to edit this message has passed."),
        ["read_only"] = ("В этом чате пишут только модераторы.", "Only moderators can write in this chat."),
        ["muted"] = ("Модератор временно запретил вам писать в этот чат.", "A moderator has muted you in this chat for a while."),
        ["supervision"] = ("В группе с учеником и родителем должен быть сотрудник школы.", "A group with a student and a parent must include a member of staff."),
        ["moderators_only"] = ("Это могут только модераторы чата.", "Only the chat's moderators can do this."),
        ["operator_exists"] = ("Оператор уже назначен.", "The operator already exists."),
        ["invalid"] = ("Недопустимое значение.", "The value is not valid."),
        ["file_too_large"] = ("Файл слишком большой.", "The file is too large."),
        ["quota_exceeded"] = ("Хранилище школы заполнено: удалите ненужные файлы или обратитесь к администратору.", "The school's storage is full: remove files you no longer need or ask the administrator."),
        ["file_empty"] = ("Файл пустой.", "The file is empty."),
        ["file_infected"] = ("В файле найден вирус, он не загружен.", "A virus was found in the file; it was not uploaded."),
        ["scanner_unavailable"] = ("Проверка на вирусы сейчас недоступна, файл не загружен. Попробуйте позже.", "Virus scanning is unavailable right now, so the file was not uploaded. Try again later."),
        ["image_unusable"] = ("Изображение повреждено или слишком большое.", "The image is damaged or too large."),
        ["image_format"] = ("Фото в формате HEIC или AVIF не принимается: в нём может остаться место съёмки. Сохраните его как JPEG и отправьте снова.", "HEIC and AVIF photos are not accepted: they may keep where they were taken. Save it as JPEG and send it again."),
        ["not_audio"] = ("Голосовое сообщение должно быть звукозаписью.", "A voice message must be an audio recording."),
        ["file_posted"] = ("Файл уже отправлен в чат.", "The file has already been posted."),
        ["too_many"] = ("Слишком много элементов.", "Too many items."),
        ["message_empty"] = ("Напишите сообщение или приложите файл.", "Write a message or attach a file."),
        ["poll_options"] = ("В опросе от 2 до 10 разных вариантов.", "A poll has 2 to 10 different options."),
        ["poll_closed"] = ("Опрос завершён.", "The poll is closed."),
        ["poll_single"] = ("В этом опросе можно выбрать только один вариант.", "Only one option may be chosen in this poll."),
        ["poll_not_editable"] = ("Опрос нельзя изменить.", "A poll cannot be edited."),
        ["in_past"] = ("Время уже прошло.", "This time is in the past."),
        ["chat_contact_policy"] = ("Этот чат теперь только для чтения: правила общения школы больше не разрешают эту переписку.", "This chat is now read-only: the school's contact rules no longer allow this conversation."),
        ["chat_unsupervised"] = ("Группа только для чтения, пока в неё не добавят сотрудника школы: в ней ученик и взрослый, который не работает в школе.", "This group is read-only until a member of staff is added: it has a student and an adult who is not staff."),
        ["chat_history_closed"] = ("История этого чата закрыта: правила общения школы больше не разрешают эту переписку. Она сохранена для школы.", "This chat's history is closed: the school's contact rules no longer allow this conversation. The school keeps it."),
        ["not_managed"] = ("Эта учётная запись не принадлежит школе: новый код или пароль её владелец получает сам.", "This account is not the school's: only its owner can reset it."),
        ["disk_full"] = ("На сервере закончилось место, ничего не сохранено. Сообщите администратору школы и попробуйте позже.", "The server has run out of disk space; nothing was saved. Tell the school's administrator and try again later."),
        ["calls_not_here"] = ("В этом чате звонить нельзя.", "Calls cannot be made in this chat."),
        ["group_calls_unavailable"] = ("Групповые звонки на этом сервере не настроены. Звонки один на один работают.", "Group calls are not set up on this server. One-to-one calls work."),
        ["call_in_progress"] = ("В этом чате уже идёт звонок: присоединитесь к нему.", "A call is already in progress in this chat: join it."),
        ["busy"] = ("Собеседник сейчас разговаривает. Позвоните позже.", "They are on another call. Call again later."),
        ["in_another_call"] = ("Вы уже участвуете в другом звонке: сначала завершите его.", "You are already on another call: end it first."),
        ["call_ended"] = ("Звонок уже завершён.", "The call has already ended."),
        ["not_in_call"] = ("Вы не участвуете в этом звонке.", "You are not on this call."),
        ["peer_not_joined"] = ("Собеседник ещё не подключился.", "The other person has not joined yet."),
        ["call_media_refused"] = ("Сервер звонков не принял подключение. Войдите в звонок заново.", "The call server refused the connection. Join the call again."),
        ["call_moved"] = ("Подключение к звонку потеряно. Войдите в звонок заново.", "The connection to the call was lost. Join the call again."),
        ["nobody_publishing"] = ("В звонке пока никто не передаёт звук или видео.", "Nobody in the call is sending sound or video yet."),
        ["removed_from_call"] = ("Организатор удалил вас из этого звонка.", "A host removed you from this call."),
        ["call_locked"] = ("Звонок закрыт: новые участники не могут войти.", "The call is locked: nobody new can join."),
        ["mics_locked"] = ("Организатор не разрешает включать микрофон.", "A host does not allow turning microphones on."),
        ["group_calls_only"] = ("Это можно только в групповом звонке.", "This is only possible in a group call."),
        ["call_hosts_only"] = ("Это может только организатор звонка.", "Only the call's hosts can do this."),
        ["call_host_untouchable"] = ("Организатора звонка нельзя выключить или удалить.", "A host of the call cannot be muted or removed."),
        ["urgent_admins_only"] = ("Срочные объявления отправляют только администраторы школы в канале объявлений.", "Only the school's administrators send urgent announcements, in the announcements channel."),
        ["time_zone"] = ("Неизвестный часовой пояс: выберите из списка.", "Unknown time zone: pick one from the list."),
        ["time_of_day"] = ("Время в виде ЧЧ:ММ, например 21:00.", "A time such as 21:00."),
        ["push_endpoint"] = ("Этот адрес службы уведомлений не принимается.", "This push service address is not accepted."),
        ["push.parents"] = ("Родители {0}", "{0} parents"),
        ["push.staff"] = ("Учительская", "Staff room"),
        ["push.announcements"] = ("Объявления", "Announcements"),
        ["push.message"] = ("{0}: новое сообщение", "{0}: new message"),
        ["push.message_text"] = ("{0}: {1}", "{0}: {1}"),
        ["push.mention"] = ("{0} упоминает вас", "{0} mentioned you"),
        ["push.confirm"] = ("{0} просит подтвердить прочтение", "{0} asks you to confirm you have read a message"),
        ["push.announcement"] = ("Объявление от {0}", "An announcement from {0}"),
        ["push.urgent"] = ("Срочное объявление от {0}", "An urgent announcement from {0}"),
        ["push.call"] = ("{0} звонит", "{0} is calling"),
        ["push.missed_call"] = ("Пропущенный звонок от {0}", "A missed call from {0}"),
        ["push.many.one"] = ("{0} новое сообщение, последнее от {1}", "{0} new message, the last from {1}"),
        ["push.many.few"] = ("{0} новых сообщения, последнее от {1}", "{0} new messages, the last from {1}"),
        ["push.many.many"] = ("{0} новых сообщений, последнее от {1}", "{0} new messages, the last from {1}"),
        ["setup_token"] = ("Ссылка для назначения оператора недействительна или уже использована.", "The operator set-up link is not valid or has already been used."),
    };

    public static string Get(string key) => Get(key, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>The text in a given language ("en", else Russian): for what is written outside a request, as pushes are.</summary>
    public static string Get(string key, string language)
    {
        var (ru, en) = All.TryGetValue(key, out var text) ? text : (key, key);
        return language == "en" ? en : ru;
    }

    /// <summary>Which Russian plural form a count takes: "one" (1, 21), "few" (2–4, 22–24) or "many".</summary>
    public static string PluralForm(int n) =>
        (n % 10, n % 100) switch
        {
            (1, not 11) => "one",
            (>= 2 and <= 4, < 12 or > 14) => "few",
            _ => "many",
        };
}
