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
        ["setup_token"] = ("Ссылка для назначения оператора недействительна или уже использована.", "The operator set-up link is not valid or has already been used."),
    };

    public static string Get(string key)
    {
        var (ru, en) = All.TryGetValue(key, out var text) ? text : (key, key);
        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? en : ru;
    }
}
