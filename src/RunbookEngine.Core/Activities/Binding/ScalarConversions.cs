using System.Globalization;
using RunbookEngine.Expressions;
using RunbookEngine.Expressions.Evaluation;
using RunbookEngine.Format;

namespace RunbookEngine.Activities.Binding;

/// <summary>Scalar rules of the input binder; <c>detail</c> explains a value of the right kind that still does not fit.</summary>
internal static class ScalarConversions
{
    public static bool IsInteger(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
        || type == typeof(uint) || type == typeof(ushort) || type == typeof(ulong) || type == typeof(sbyte);

    public static bool IsFloating(Type type) => type == typeof(double) || type == typeof(float) || type == typeof(decimal);

    public static bool TryConvert(object value, Type type, out object? result, out string? detail)
    {
        result = null;
        detail = null;
        if (type == typeof(string))
        {
            result = value switch
            {
                string s => s,
                // The one place a secret becomes text: the activity must hand it to the target system.
                SecretValue secret => secret.Reveal(),
                bool or long or double => ValueFormatter.ToText(value, out _),
                _ => null,
            };
            return result is not null;
        }

        if (type == typeof(SecretValue))
        {
            result = value is string s ? new SecretValue(s) : null;
            return result is not null;
        }

        if (type == typeof(bool))
        {
            result = value as bool?;
            return result is not null;
        }

        if (IsInteger(type))
        {
            if (!Values.TryGetInteger(value, out var whole))
            {
                detail = value is double ? $"found {InputBinder.Quote(value)}, which has a fraction" : null;
                return false;
            }

            try
            {
                result = System.Convert.ChangeType(whole, type, CultureInfo.InvariantCulture);
                return true;
            }
            catch (OverflowException)
            {
                detail = $"found {whole}, which is out of range";
                return false;
            }
        }

        if (IsFloating(type))
        {
            result = value is long or double ? System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture) : null;
            return result is not null;
        }

        var text = value switch
        {
            string s => s,
            SecretValue secret => secret.Reveal(),
            _ => null,
        };
        if (type == typeof(TimeSpan))
        {
            if (text is not null && Durations.TryParse(text, out var duration))
            {
                result = duration;
                return true;
            }

            detail = text is null ? null : $"found {InputBinder.Quote(value)} ({Durations.Hint})";
            return false;
        }

        if (type.IsEnum)
        {
            var name = text is null ? null : Enum.GetNames(type).FirstOrDefault(n => string.Equals(TypeShapes.CamelCase(n), text, StringComparison.Ordinal));
            if (name is not null)
            {
                result = Enum.Parse(type, name);
                return true;
            }

            detail = text is null ? null : $"found {InputBinder.Quote(value)}";
            return false;
        }

        return false;
    }
}
