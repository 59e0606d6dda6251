"""Oscar-api's session-login serializer, authenticating with the request so the sign-in lockout sees it."""

from django.contrib.auth import authenticate
from oscarapi.serializers import login
from rest_framework import serializers


class LoginSerializer(login.LoginSerializer):
    """oscar-api's, except authenticate() gets the request: django-axes refuses to judge without one."""

    def validate(self, attrs):
        request = self.context.get("request")
        user = authenticate(
            getattr(request, "_request", request), username=attrs["username"], password=attrs["password"]
        )
        if user is None:
            raise serializers.ValidationError("invalid login")
        if not user.is_active:
            raise serializers.ValidationError("Can not log in as inactive user")
        self.instance = user
        return attrs
