from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("ptashka_payments", "0002_checkoutpayment_declines"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="paymentrefund",
            options={"permissions": [("refund_payment", "Can refund payments from the dashboard")]},
        ),
    ]
